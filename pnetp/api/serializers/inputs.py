"""What the write endpoints accept. Values are only parsed here; the services decide who may do what."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pnetp.institutions.models import Institution
from pnetp.monitoring.models import MonitoringCycle, StatusOption
from pnetp.plans.queries import visible_plans


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo or ``state`` is not silently ignored."""

    def validate(self, attrs):
        unknown = sorted(set(getattr(self, "initial_data", {})) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [_("Campo desconhecido ou que não pode ser alterado.")] for name in unknown}
            )
        return attrs


class ReportStartSerializer(StrictSerializer):
    plan = serializers.SlugField(
        required=False,
        allow_blank=True,
        help_text=_("Identificador do plano; necessário quando o ciclo é informado pelo nome."),
    )
    cycle = serializers.CharField(help_text=_("Ciclo de monitoramento: número (id) ou nome, como 2025.1."))
    activity = serializers.CharField(help_text=_("Código da atividade, como 1.1.3."))
    institution = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Sigla da instituição; por padrão, a do usuário.")
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = self.context["request"].user
        attrs["cycle"] = cycle = self._cycle(user, attrs.get("plan"), attrs["cycle"].strip())
        attrs["activity"] = self._activity(cycle, attrs["activity"].strip())
        attrs["institution"] = self._institution(user, attrs.get("institution"))
        return attrs

    @staticmethod
    def _cycle(user, plan_slug, value):
        cycles = MonitoringCycle.objects.filter(plan__in=visible_plans(user)).select_related("plan")
        is_id = value.isascii() and value.isdigit() and len(value) < 19  # beyond that it cannot be a database id
        if plan_slug:
            in_plan = cycles.filter(plan__slug=plan_slug)
            # A name wins over an id that happens to look the same.
            cycle = in_plan.filter(name=value).first() or (in_plan.filter(pk=int(value)).first() if is_id else None)
        elif is_id:
            cycle = cycles.filter(pk=int(value)).first()
        else:
            raise serializers.ValidationError({"plan": [_("Informe o plano para escolher o ciclo pelo nome.")]})
        if cycle is None:
            raise serializers.ValidationError({"cycle": [_("Ciclo de monitoramento não encontrado.")]})
        return cycle

    @staticmethod
    def _activity(cycle, code):
        activity = cycle.plan.activities.filter(code=code).first()
        if activity is None:
            raise serializers.ValidationError({"activity": [_("Atividade não encontrada no plano do ciclo.")]})
        return activity

    @staticmethod
    def _institution(user, acronym):
        if not acronym:
            if getattr(user, "institution", None) is None:
                raise serializers.ValidationError({"institution": [_("Informe a sigla da instituição.")]})
            return user.institution
        institution = Institution.objects.filter(acronym__iexact=acronym.strip()).first()
        if institution is None:
            raise serializers.ValidationError({"institution": [_("Instituição não encontrada.")]})
        return institution


class ReportUpdateSerializer(StrictSerializer):
    status = serializers.SlugRelatedField(
        slug_field="slug", queryset=StatusOption.objects.all(), required=False, allow_null=True,
        help_text=_("Situação da atividade (identificador, veja /api/v1/statuses/)."),
    )  # fmt: skip
    percent_complete = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True)
    narrative = serializers.CharField(required=False, allow_blank=True)
    difficulties = serializers.CharField(required=False, allow_blank=True)
    next_steps = serializers.CharField(required=False, allow_blank=True)


class ReturnSerializer(StrictSerializer):
    # Blank is accepted here so the service answers with its own message.
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Motivo da devolução (obrigatório).")
    )


class IndicatorValueInputSerializer(StrictSerializer):
    indicator = serializers.IntegerField(help_text=_("Número (id) do indicador da atividade."))
    value = serializers.DecimalField(max_digits=16, decimal_places=4, help_text=_("Valor apurado."))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceInputSerializer(StrictSerializer):
    title = serializers.CharField(max_length=300)
    url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    file = serializers.FileField(required=False, allow_null=True, default=None, max_length=300)
    is_public = serializers.BooleanField(
        required=False, default=False, help_text=_("Evidências públicas aparecem para qualquer pessoa.")
    )
