"""Public, read-only: plans, activities, progress and the status vocabulary.

Plan visibility is the pages' own (pnetp.plans.queries): drafts exist only for the coordination.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from pnetp.api.serializers.plans import (
    ActivityDetailSerializer,
    ActivitySummarySerializer,
    PlanDetailSerializer,
    PlanSummarySerializer,
    StatusOptionSerializer,
)
from pnetp.api.serializers.progress import OverdueSerializer, PlanProgressSerializer
from pnetp.monitoring.models import StatusOption
from pnetp.monitoring.services import rollup
from pnetp.plans import queries
from pnetp.plans.exporter import load_plan, plan_as_dict
from pnetp.plans.models import code_sort_key

CYCLE_PARAMETER = OpenApiParameter(
    "cycle", OpenApiTypes.STR, description=_("Ciclo de referência, por número (id) ou nome; padrão: todos os ciclos.")
)
PLAN_SLUG_PARAMETER = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Identificador do plano.")
)


@extend_schema_view(
    list=extend_schema(summary=_("Planos"), description=_("Planos publicados; a coordenação vê também rascunhos.")),
    retrieve=extend_schema(
        summary=_("Plano com eixos, ações prioritárias e atividades"),
        description=_("Mesmo formato da exportação em JSON."),
        responses=PlanDetailSerializer,
    ),
)
@extend_schema(tags=[_("Planos")])
class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = PlanSummarySerializer
    pagination_class = None  # a handful of plans
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"

    def get_queryset(self):
        return queries.with_counts(queries.visible_plans(self.request.user)).order_by("-start_year", "title")

    def retrieve(self, request, *args, **kwargs):
        plan = queries.get_plan(request.user, kwargs["slug"])
        return Response(PlanDetailSerializer(plan_as_dict(load_plan(plan.slug))).data)

    @extend_schema(
        summary=_("Progresso do plano por eixo e ação prioritária"),
        description=_("Só relatórios aprovados contam; veja as regras em pnetp.monitoring.services.rollup."),
        parameters=[CYCLE_PARAMETER],
        responses=PlanProgressSerializer,
    )
    @action(detail=True)
    def progress(self, request, slug=None):
        plan = queries.get_plan(request.user, slug)
        cycle = self._cycle(plan, request.query_params.get("cycle", "").strip())
        node = rollup.plan_progress(plan, cycle)
        return Response(PlanProgressSerializer(node, context={"cycle": cycle}).data)

    @extend_schema(
        summary=_("Atividades com prazo vencido"),
        description=_(
            "A mesma regra e a mesma contagem do painel e do relatório do ciclo (pnetp.monitoring.services.rollup."
            "overdue_activities), com a data de referência: com ciclo, hoje ou o dia seguinte ao fim do período."
        ),
        parameters=[CYCLE_PARAMETER],
        responses=OverdueSerializer,
    )
    @action(detail=True)
    def overdue(self, request, slug=None):
        plan = queries.get_plan(request.user, slug)
        cycle = self._cycle(plan, request.query_params.get("cycle", "").strip())
        today = timezone.localdate()
        late = rollup.overdue_activities(plan, today, cycle)
        figures = {
            "cycle": cycle.name if cycle else None,
            "reference_date": rollup.overdue_cutoff(today, cycle),
            "count": len(late),
            "activities": late,
        }
        return Response(OverdueSerializer(figures).data)

    @staticmethod
    def _cycle(plan, value: str):
        if not value:
            return None
        cycle = plan.cycles.filter(name=value).first()
        if cycle is None and value.isascii() and value.isdigit() and len(value) < 19:
            cycle = plan.cycles.filter(pk=int(value)).first()
        if cycle is None:
            raise serializers.ValidationError({"cycle": [_("Ciclo de monitoramento não encontrado neste plano.")]})
        return cycle


@extend_schema_view(
    list=extend_schema(
        summary=_("Atividades do plano"),
        parameters=[
            PLAN_SLUG_PARAMETER,
            OpenApiParameter("q", OpenApiTypes.STR, description=_("Busca por palavras, sem diferenciar acentos.")),
            OpenApiParameter("axis", OpenApiTypes.STR, description=_("Código do eixo, como 1.")),
            OpenApiParameter("action", OpenApiTypes.STR, description=_("Código da ação prioritária, como 1.1.")),
        ],
    ),
    retrieve=extend_schema(
        summary=_("Atividade com responsabilidade, indicadores e progresso"), parameters=[PLAN_SLUG_PARAMETER]
    ),
)
@extend_schema(tags=[_("Planos")])
class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = ActivitySummarySerializer
    lookup_field = "code"
    lookup_value_regex = r"\d+(?:\.\d+)*"

    def get_serializer_class(self):
        return ActivityDetailSerializer if self.action == "retrieve" else ActivitySummarySerializer

    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = queries.get_plan(self.request.user, self.kwargs["slug"])
        return self._plan

    def get_queryset(self):
        return self.get_plan().activities.select_related("action__axis")

    def filter_queryset(self, queryset):
        params = self.request.query_params
        for term in queries.search_terms(params.get("q", "")):
            queryset = queryset.filter(search_text__contains=term)
        if axis := params.get("axis", "").strip():
            queryset = queryset.filter(action__axis__code=axis)
        if priority_action := params.get("action", "").strip():
            queryset = queryset.filter(action__code=priority_action)
        return sorted(queryset, key=lambda activity: code_sort_key(activity.code))  # 1.1.9 before 1.1.10

    def retrieve(self, request, *args, **kwargs):
        plan = self.get_plan()
        activity = self.get_object()
        activity.rollup = rollup.activity_progress(plan)[activity.pk]
        return Response(ActivityDetailSerializer(activity).data)

    def get_object(self):
        queryset = (
            self.get_queryset()
            .select_related("responsibility")
            .prefetch_related("indicators", "responsibility__lead_institutions", "responsibility__partner_institutions")
        )
        activity = queryset.filter(code=self.kwargs["code"]).first()
        if activity is None:
            raise Http404
        return activity


@extend_schema_view(list=extend_schema(summary=_("Situações de atividade (vocabulário dos relatórios)")))
@extend_schema(tags=[_("Relatórios")])
class StatusOptionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    serializer_class = StatusOptionSerializer
    pagination_class = None
    queryset = StatusOption.objects.all()
