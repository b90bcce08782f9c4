"""Referrals for the units' own systems: list, create, read (within the sharing profile) and answer.

Authentication: a token per unit — the DRF token of the unit's system account (a ``network_professional``
member of that one unit), issued by the coordination. Every call goes through ``pnetp.referrals``:
``access_referral``/``access_atendimento`` (404 for another UF, 403 otherwise; the read is logged),
``send_referral`` and ``workflow.transition``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from pnetp.network.models import Unit
from pnetp.referrals import selectors, workflow
from pnetp.referrals.models import Purpose, Referral, RefusalReason, Section, SharingProfile, State
from pnetp.referrals.permissions import access_atendimento, access_referral, can_open_atendimento
from pnetp.referrals.services.referrals import ReferralRequest, send_referral


# Purposes a referral may carry (the other consents are not about sharing with a unit).
REFERRAL_PURPOSES = [(p.value, p.label) for p in (Purpose.NETWORK, Purpose.POLICE, Purpose.CONSULAR)]


class IsNetworkProfessional(permissions.BasePermission):
    message = _("A API de encaminhamentos é das unidades da rede de atendimento.")

    def has_permission(self, request, view):
        return can_open_atendimento(request.user)


class ReferralSerializer(serializers.ModelSerializer):
    from_unit = serializers.CharField(source="from_unit.name", read_only=True)
    to_unit = serializers.CharField(source="to_unit.name", read_only=True, allow_null=True)

    class Meta:
        model = Referral
        fields = ["id", "atendimento", "from_unit", "to_unit", "external_body", "purpose", "service", "urgent",
                  "profile", "transfer_requested", "state", "sent_at", "deadline", "received_at", "responded_at",
                  "refusal_reason", "completion_note"]  # fmt: skip
        read_only_fields = fields


class AtendimentoSectionsSerializer(serializers.Serializer):
    """What the caller may see of the atendimento: only the sections of the referral's profile."""

    pseudonym = serializers.UUIDField()
    sections = serializers.ListField(child=serializers.CharField())
    victim_status = serializers.CharField(allow_null=True)
    risk_level = serializers.CharField(allow_null=True)
    threat_to_life = serializers.BooleanField(allow_null=True)
    needs = serializers.ListField(child=serializers.CharField(), allow_null=True)
    care_plan = serializers.CharField(allow_null=True)


class ReferralDetailSerializer(ReferralSerializer):
    atendimento_data = serializers.SerializerMethodField()

    class Meta(ReferralSerializer.Meta):
        fields = [*ReferralSerializer.Meta.fields, "atendimento_data"]
        read_only_fields = fields

    @extend_schema_field(AtendimentoSectionsSerializer)
    def get_atendimento_data(self, referral):
        view = self.context["view_sections"]
        a = referral.atendimento

        def shown(section, value):
            return value if view.shows(section) else None

        return {
            "pseudonym": a.person.pseudonym,
            "sections": sorted(view.sections - {Section.IDENTITY}),
            "victim_status": shown(Section.SUMMARY, a.victim_status),
            "risk_level": shown(Section.RISK, a.risk_level),
            "threat_to_life": shown(Section.RISK, a.threat_to_life),
            "needs": shown(Section.NEEDS, a.needs),
            "care_plan": shown(Section.CARE_PLAN, a.care_plan),
        }


class CreateSerializer(serializers.Serializer):
    atendimento = serializers.IntegerField()
    to_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.filter(active=True), required=False, allow_null=True
    )
    external_body = serializers.CharField(required=False, allow_blank=True, default="")
    purpose = serializers.ChoiceField(choices=REFERRAL_PURPOSES)
    service = serializers.CharField()
    profile = serializers.ChoiceField(choices=SharingProfile.choices)
    request = serializers.CharField(required=False, allow_blank=True, default="")
    urgent = serializers.BooleanField(required=False, default=False)
    transfer_requested = serializers.BooleanField(required=False, default=False)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=[s for s in State.values if s not in (State.SENT, State.EXPIRED)])
    refusal_reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False)
    refusal_note = serializers.CharField(required=False, allow_blank=True)
    completion_note = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary=_("Encaminhamentos recebidos e enviados pelas unidades do usuário")),
    retrieve=extend_schema(
        summary=_("Encaminhamento, com as seções do atendimento que o perfil permite"),
        responses=ReferralDetailSerializer,
    ),
    create=extend_schema(
        summary=_("Enviar encaminhamento (unidade responsável; exige consentimento ou exceção justificada)"),
        request=CreateSerializer,
        responses={201: ReferralSerializer},
    ),
)
@extend_schema(tags=[_("Encaminhamentos")])
class ReferralViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ReferralSerializer
    permission_classes = [permissions.IsAuthenticated, IsNetworkProfessional]
    lookup_url_kwarg = "referral"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (selectors.inbox(self.request.user) | selectors.outbox(self.request.user)).distinct()

    def retrieve(self, request, *args, **kwargs):
        referral = access_referral(request.user, kwargs["referral"])
        _atendimento, view = access_atendimento(request.user, referral.atendimento_id, action="api_read")
        serializer = ReferralDetailSerializer(referral, context={"request": request, "view_sections": view})
        return Response(serializer.data)

    def create(self, request, *args, **kwargs):
        data = CreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        atendimento, _view = access_atendimento(request.user, values.pop("atendimento"), action="api_referral")
        referral = send_referral(request.user, atendimento, ReferralRequest(**values))
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Responder ou mover o encaminhamento (receber, aceitar, recusar, iniciar, concluir, revogar)"),
        request=TransitionSerializer,
        responses=ReferralSerializer,
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, referral=None):
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        target = values.pop("to")
        result = workflow.transition(request.user, access_referral(request.user, referral), target, **values)
        return Response(ReferralSerializer(result).data)
