"""Plans, their hierarchy, activities and the status vocabulary (read-only)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pnetp.monitoring.models import Indicator, Responsibility, StatusOption
from pnetp.plans.models import Activity, Plan


class PlanSummarySerializer(serializers.ModelSerializer):
    axis_count = serializers.IntegerField(read_only=True, help_text=_("Número de eixos."))
    action_count = serializers.IntegerField(read_only=True, help_text=_("Número de ações prioritárias."))
    activity_count = serializers.IntegerField(read_only=True, help_text=_("Número de atividades."))

    class Meta:
        model = Plan
        fields = [
            "slug", "title", "short_title", "kind", "status", "start_year", "end_year", "territory",
            "axis_count", "action_count", "activity_count",
        ]  # fmt: skip


# The detail has the shape of the JSON export (pnetp.plans.exporter.plan_as_dict), so it can be imported back.
class ExportActivitySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Código oficial, como 1.1.3."))
    description = serializers.CharField()


class ExportActionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    activities = ExportActivitySerializer(many=True)


class ExportAxisSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    actions = ExportActionSerializer(many=True)


class ExportPlanHeaderSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    short_title = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Plan.Kind.choices)
    status = serializers.ChoiceField(choices=Plan.Status.choices)
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    territory = serializers.CharField()
    parent = serializers.SlugField(allow_null=True, help_text=_("Plano de referência (identificador)."))
    description = serializers.CharField(allow_blank=True)


class PlanDetailSerializer(serializers.Serializer):
    plan = ExportPlanHeaderSerializer()
    axes = ExportAxisSerializer(many=True)


class ActivitySummarySerializer(serializers.ModelSerializer):
    action = serializers.CharField(source="action.code", help_text=_("Código da ação prioritária."))
    axis = serializers.CharField(source="action.axis.code", help_text=_("Código do eixo."))

    class Meta:
        model = Activity
        fields = ["code", "description", "action", "axis"]


class ItemRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class ResponsibilitySerializer(serializers.ModelSerializer):
    lead_institutions = serializers.SlugRelatedField(slug_field="acronym", many=True, read_only=True)
    partner_institutions = serializers.SlugRelatedField(slug_field="acronym", many=True, read_only=True)

    class Meta:
        model = Responsibility
        fields = ["lead_institutions", "partner_institutions", "start_date", "end_date", "deliverable", "weight"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id", "name", "unit", "baseline_value", "baseline_year", "target_value", "direction", "frequency",
        ]  # fmt: skip


class ActivityProgressFigureSerializer(serializers.Serializer):
    """One activity's roll-up result (pnetp.monitoring.services.rollup.ActivityProgress)."""

    progress = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True,
        help_text=_("Percentual de progresso pelos relatórios aprovados; nulo quando a atividade não conta."),
    )  # fmt: skip
    excluded = serializers.BooleanField(help_text=_("Fora do cálculo (por exemplo, cancelada)."))
    done = serializers.BooleanField(help_text=_("Cumprida (concluída ou contínua)."))
    reported = serializers.BooleanField(help_text=_("Tem ao menos um relatório aprovado."))


class ActivityDetailSerializer(serializers.ModelSerializer):
    action = ItemRefSerializer()
    axis = ItemRefSerializer(source="action.axis")
    # Null while the coordination has not assigned the activity yet.
    responsibility = ResponsibilitySerializer(allow_null=True, read_only=True)
    indicators = IndicatorSerializer(many=True)
    progress = ActivityProgressFigureSerializer(source="rollup")

    class Meta:
        model = Activity
        fields = ["code", "description", "action", "axis", "responsibility", "indicators", "progress"]


class StatusOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusOption
        fields = ["slug", "label", "default_percent", "counts_toward_progress", "is_done", "order", "active"]
