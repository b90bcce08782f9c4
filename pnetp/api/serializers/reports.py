"""Progress reports as the API shows them; what each reader sees is decided in ``pnetp.monitoring.services.visibility``."""

from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pnetp.monitoring.models import (
    Evidence,
    IndicatorValue,
    MonitoringCycle,
    ProgressReport,
)
from pnetp.monitoring.services.visibility import sees_report_internals as sees_internals


class CycleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonitoringCycle
        fields = ["id", "name", "state"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "indicator_name", "unit", "value", "note"]


class EvidenceSerializer(serializers.ModelSerializer):
    file = serializers.SerializerMethodField(
        help_text=_("Endereço de download do arquivo (com verificação de acesso); nulo para evidência por URL.")
    )
    file_name = serializers.SerializerMethodField(help_text=_("Nome do arquivo enviado; nulo para evidência por URL."))

    class Meta:
        model = Evidence
        fields = ["id", "title", "url", "file", "file_name", "is_public", "created_at"]

    def get_file(self, evidence) -> str | None:
        if not evidence.file:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(evidence.link) if request is not None else evidence.link

    def get_file_name(self, evidence) -> str | None:
        return PurePosixPath(evidence.file.name).name if evidence.file else None


class ReportSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="cycle.plan.slug", read_only=True, help_text=_("Identificador do plano."))
    cycle = CycleRefSerializer(read_only=True)
    activity = serializers.CharField(source="activity.code", read_only=True, help_text=_("Código da atividade."))
    institution = serializers.CharField(
        source="institution.acronym", read_only=True, help_text=_("Sigla da instituição.")
    )
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    status = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text=_("Situação da atividade."))
    status_label = serializers.CharField(source="status.label", read_only=True, allow_null=True)
    indicator_values = IndicatorValueSerializer(many=True, read_only=True)
    evidence = serializers.SerializerMethodField(help_text=_("Evidências; o público vê apenas as públicas."))
    return_reason = serializers.SerializerMethodField(
        help_text=_("Motivo da última devolução; visível só à coordenação e aos pontos focais da instituição.")
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id", "plan", "cycle", "activity", "institution", "state", "state_label", "status", "status_label",
            "percent_complete", "narrative", "difficulties", "next_steps", "return_reason",
            "submitted_at", "approved_at", "updated_at", "indicator_values", "evidence",
        ]  # fmt: skip

    def _sees_internals(self, report) -> bool:
        request = self.context.get("request")
        return request is not None and sees_internals(request.user, report)

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, report):
        items = report.evidence.all()  # prefetched: filter in Python
        if not self._sees_internals(report):
            items = [item for item in items if item.is_public]
        return EvidenceSerializer(items, many=True, context=self.context).data

    def get_return_reason(self, report) -> str:
        return report.return_reason if self._sees_internals(report) else ""
