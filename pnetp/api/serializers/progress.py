"""The progress roll-up tree (pnetp.monitoring.services.rollup.ProgressNode) as JSON."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


def _percent():
    return serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True,
        help_text=_("Percentual de progresso (0 a 100); nulo quando nenhuma atividade abaixo conta no cálculo."),
    )  # fmt: skip


def _weight():
    return serializers.DecimalField(
        max_digits=None, decimal_places=2, help_text=_("Soma dos pesos das atividades consideradas.")
    )


class ActivityProgressSerializer(serializers.Serializer):
    code = serializers.CharField()
    progress = _percent()
    weight = _weight()
    excluded = serializers.BooleanField(help_text=_("Fora do cálculo (por exemplo, cancelada)."))
    done = serializers.BooleanField(help_text=_("Cumprida (concluída ou contínua)."))
    reported = serializers.BooleanField(help_text=_("Tem ao menos um relatório aprovado."))


class _NodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    progress = _percent()
    weight = _weight()
    counted = serializers.IntegerField(help_text=_("Atividades consideradas no cálculo."))
    excluded = serializers.IntegerField(help_text=_("Atividades fora do cálculo."))


class ActionProgressSerializer(_NodeSerializer):
    activities = ActivityProgressSerializer(source="children", many=True)


class AxisProgressSerializer(_NodeSerializer):
    actions = ActionProgressSerializer(source="children", many=True)


class PlanProgressSerializer(_NodeSerializer):
    cycle = serializers.SerializerMethodField(help_text=_("Ciclo de referência; nulo quando todos os ciclos contam."))
    axes = AxisProgressSerializer(source="children", many=True)

    def get_cycle(self, node) -> str | None:
        cycle = self.context.get("cycle")
        return cycle.name if cycle else None
