"""Progress reports: public reads of approved reports, and the focal points' and coordination's workflow.

Each write calls one function of pnetp.monitoring.services.workflow, which checks who may do it;
its PermissionDenied becomes 403 and its ValidationError 400 (see pnetp.api.exceptions).
A report the user may not read answers 404, as on the pages.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from pnetp.api.serializers.inputs import (
    EvidenceInputSerializer,
    IndicatorValueInputSerializer,
    ReportStartSerializer,
    ReportUpdateSerializer,
    ReturnSerializer,
)
from pnetp.api.serializers.reports import (
    EvidenceSerializer,
    IndicatorValueSerializer,
    ReportSerializer,
)
from pnetp.monitoring import registry_sources
from pnetp.monitoring.models import Indicator, IndicatorValue, ProgressReport
from pnetp.monitoring.services import workflow
from pnetp.monitoring.services.visibility import visible_reports

FILTERS = [
    OpenApiParameter("plan", OpenApiTypes.STR, description=_("Identificador do plano.")),
    OpenApiParameter("cycle", OpenApiTypes.STR, description=_("Ciclo, por número (id) ou nome, como 2025.1.")),
    OpenApiParameter("activity", OpenApiTypes.STR, description=_("Código da atividade, como 1.1.3.")),
    OpenApiParameter("institution", OpenApiTypes.STR, description=_("Sigla da instituição.")),
    OpenApiParameter("state", OpenApiTypes.STR, enum=ProgressReport.State.values, description=_("Etapa do relatório.")),
]


@extend_schema_view(
    list=extend_schema(
        summary=_("Relatórios de progresso"),
        description=_(
            "O público, os membros de comitê e os analistas veem só relatórios aprovados, com as evidências "
            "públicas; os pontos focais veem também todos os relatórios da sua instituição; a coordenação, todos."
        ),
        parameters=FILTERS,
    ),
    retrieve=extend_schema(summary=_("Relatório de progresso")),
    create=extend_schema(
        summary=_("Iniciar relatório (pontos focais)"),
        description=_("Cria o rascunho da instituição para a atividade e o ciclo, ou devolve o já existente (200)."),
        request=ReportStartSerializer,
        responses={201: ReportSerializer, 200: ReportSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Preencher relatório (pontos focais)"), request=ReportUpdateSerializer, responses=ReportSerializer
    ),
)
@extend_schema(tags=[_("Relatórios")])
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            visible_reports(self.request.user)
            .select_related("cycle__plan", "activity", "institution", "status")
            .prefetch_related("indicator_values__indicator", "evidence")
            .order_by("-cycle__period_end", "activity__plan_id", "activity__position", "institution__acronym", "pk")
        )

    def filter_queryset(self, queryset):
        params = self.request.query_params
        if plan := params.get("plan", "").strip():
            queryset = queryset.filter(cycle__plan__slug=plan)
        if cycle := params.get("cycle", "").strip():
            by_id = cycle.isascii() and cycle.isdigit() and len(cycle) < 19
            queryset = queryset.filter(cycle__pk=int(cycle)) if by_id else queryset.filter(cycle__name=cycle)
        if activity := params.get("activity", "").strip():
            queryset = queryset.filter(activity__code=activity)
        if institution := params.get("institution", "").strip():
            queryset = queryset.filter(institution__acronym__iexact=institution)
        if state := params.get("state", "").strip():
            queryset = queryset.filter(state=state)
        return queryset

    def _answer(self, report, code=status.HTTP_200_OK) -> Response:
        # Read back through the visible queryset, so the answer shows exactly what this user may read.
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data, status=code)

    def _input(self, serializer_class):
        params = serializer_class(data=self.request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        return params.validated_data

    def create(self, request, *args, **kwargs):
        data = self._input(ReportStartSerializer)
        existed = ProgressReport.objects.filter(
            activity=data["activity"], cycle=data["cycle"], institution=data["institution"]
        ).exists()
        report = workflow.start_report(request.user, data["activity"], data["cycle"], data["institution"])
        return self._answer(report, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        report = workflow.update_report(request.user, self.get_object(), **self._input(ReportUpdateSerializer))
        return self._answer(report)

    @extend_schema(summary=_("Enviar relatório à coordenação (pontos focais)"), request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._answer(workflow.submit_report(request.user, self.get_object()))

    @extend_schema(summary=_("Devolver relatório com motivo (coordenação)"), request=ReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        reason = self._input(ReturnSerializer)["reason"]
        return self._answer(workflow.return_report(request.user, self.get_object(), reason))

    @extend_schema(summary=_("Aprovar relatório (coordenação)"), request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._answer(workflow.approve_report(request.user, self.get_object()))

    @extend_schema(
        summary=_("Informar valor de indicador (pontos focais)"),
        description=_("Cria ou substitui o valor do indicador neste relatório."),
        request=IndicatorValueInputSerializer,
        responses={201: IndicatorValueSerializer},
    )
    @action(detail=True, methods=["post"], url_path="indicator-values", url_name="indicator-values")
    def indicator_values(self, request, pk=None):
        report = self.get_object()
        data = self._input(IndicatorValueInputSerializer)
        indicator = Indicator.objects.filter(pk=data["indicator"]).first()
        if indicator is None:
            raise serializers.ValidationError({"indicator": [_("Indicador não encontrado.")]})
        # A mapped indicator's value is checked against its registry count, as on the report page.
        fill = (
            registry_sources.fill_for(indicator, report.cycle) if indicator.activity_id == report.activity_id else None
        )
        item = workflow.set_indicator_value(request.user, report, indicator, data["value"], data["note"], fill=fill)
        item = IndicatorValue.objects.select_related("indicator").get(pk=item.pk)
        return Response(IndicatorValueSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Incluir evidência: arquivo ou endereço (pontos focais)"),
        description=_("Envie um arquivo (multipart/form-data) ou um endereço (URL), e apenas um deles."),
        request=EvidenceInputSerializer,
        responses={201: EvidenceSerializer},
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        report = self.get_object()
        data = self._input(EvidenceInputSerializer)
        item = workflow.add_evidence(request.user, report, **data)
        return Response(
            EvidenceSerializer(item, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )
