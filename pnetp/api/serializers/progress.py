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


class OverdueActivitySerializer(serializers.Serializer):
    code = serializers.CharField()
    end_date = serializers.DateField(help_text=_("Prazo final da atividade."))
    days_late = serializers.IntegerField(help_text=_("Dias de atraso na data de referência."))
    statuses = serializers.ListField(
        source="status_labels", child=serializers.CharField(),
        help_text=_("Situações dos relatórios aprovados considerados; vazia quando não há nenhum."),
    )  # fmt: skip


class OverdueSerializer(serializers.Serializer):
    """``rollup.overdue_activities``: the same count as the dashboard and the cycle report for the same day."""

    cycle = serializers.CharField(allow_null=True, help_text=_("Ciclo de referência; nulo: relatórios mais recentes."))
    reference_date = serializers.DateField(
        help_text=_("Dia em que os prazos são julgados: hoje ou, para um ciclo, o dia seguinte ao fim do período.")
    )
    count = serializers.IntegerField(help_text=_("Número de atividades com prazo vencido."))
    activities = OverdueActivitySerializer(many=True)
