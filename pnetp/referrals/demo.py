"""Demo of the referral flow: units in several UFs, atendimentos in every state and every flow, a Brazilian
brought back from abroad, a refusal, an expiry and a consent override. Fictitious people only.

Composes with the network demo: the users ``rede.netp`` (a NETP) and ``rede.creas`` (a CREAS of the same
UF) are reused with their units if they exist, created otherwise. Idempotent: atendimentos are created once.
"""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from pnetp.accounts.demo import DEMO_PASSWORD
from pnetp.accounts.models import Role, User
from pnetp.network.models import Unit, UnitKind, UnitMember
from pnetp.territory.models import Country

from . import flows_data, workflow
from .consent import consent_record
from .models import Atendimento, FlowStage, FlowTemplate, Purpose, Referral, State
from .services.atendimentos import AtendimentoData, close_atendimento, open_atendimento
from .services.referrals import ReferralRequest, expire_overdue, send_referral

SAO_PAULO, GUARULHOS, RIO, MARABA = 3550308, 3518800, 3304557, 1504208

UNITS = {
    "netp": ("NETP São Paulo (demonstração)", UnitKind.NETP, SAO_PAULO),
    "creas": ("CREAS Sé (demonstração)", UnitKind.CREAS, SAO_PAULO),
    "police": ("Delegacia de Polícia Civil — Centro (demonstração)", UnitKind.CIVIL_POLICE, SAO_PAULO),
    "paahm": ("PAAHM Aeroporto de Guarulhos (demonstração)", UnitKind.PAAHM, GUARULHOS),
    "pf": ("Polícia Federal — Aeroporto de Guarulhos (demonstração)", UnitKind.FEDERAL_POLICE, GUARULHOS),
    "netp_rj": ("NETP Rio de Janeiro (demonstração)", UnitKind.NETP, RIO),
    "creas_rj": ("CREAS Centro — Rio (demonstração)", UnitKind.CREAS, RIO),
    "mte_pa": ("Inspeção do Trabalho — Marabá (demonstração)", UnitKind.LABOUR_INSPECTION, MARABA),
    "creas_pa": ("CREAS Marabá (demonstração)", UnitKind.CREAS, MARABA),
}
# username → unit key (rede.netp and rede.creas are shared with the network demo)
USERS = {
    "rede.netp": "netp",
    "rede.creas": "creas",
    "rede.netp.chefe": "netp",
    "rede.policia": "police",
    "rede.paahm": "paahm",
    "rede.netp.rj": "netp_rj",
    "rede.creas.rj": "creas_rj",
    "rede.mte.pa": "mte_pa",
    "rede.creas.pa": "creas_pa",
    "rede.consulado": "consulate",
}


def _unit(key, spec):
    name, kind, municipality = spec
    unit, _created = Unit.objects.get_or_create(name=name, kind=kind, defaults={"municipality_id": municipality})
    return unit


def _units() -> dict:
    units = {key: _unit(key, spec) for key, spec in UNITS.items()}
    portugal = Country.objects.filter(alpha2="PT").first()
    units["consulate"], _c = Unit.objects.get_or_create(
        name="Consulado-Geral do Brasil em Lisboa (demonstração)",
        kind=UnitKind.CONSULAR_POST,
        defaults={"country": portugal},
    )
    return units


def _user(username, unit) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": username, "last_name": "(demonstração)", "email": f"{username}@example.org"},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.role = Role.NETWORK_PROFESSIONAL
    user.is_active = True
    user.save()
    if not UnitMember.objects.filter(user=user, active=True).exists():
        UnitMember.objects.get_or_create(user=user, unit=unit)
    return user


def _home_unit(user):
    return UnitMember.objects.filter(user=user, active=True).select_related("unit").first().unit


def _flow(slug):
    return FlowTemplate.objects.filter(slug=slug).order_by("-version").first()


def _consent(user, atendimento, *purposes, oral=False):
    for purpose in purposes:
        how = "oral" if oral else "written"
        consent_record(
            user,
            atendimento,
            purpose=purpose,
            granted=True,
            how=how,
            witness="Assistente social (demonstração)" if oral else "",
        )


def _open(user, **data):
    identity = data.pop("identity", None)
    return open_atendimento(user, _home_unit(user), AtendimentoData(**data), identity)


def _scenarios(u: dict, units: dict) -> None:
    netp, creas, chefe = u["rede.netp"], u["rede.creas"], u["rede.netp.chefe"]
    creas_unit, police_unit = _home_unit(creas), units["police"]
    # 1. Rescued person: consent for services and statistics, not for the police. CREAS accepts and concludes.
    a1 = _open(netp, identification_route="rescue", flow=_flow("trafico-de-pessoas"), needs=["psychosocial", "accommodation"],
               care_plan="Acolhimento e acompanhamento psicossocial.", risk_level="medium", sex="feminino", age=27,
               identity={"full_name": "Ana Exemplo Fictícia", "cpf": "52998224725"})  # fmt: skip
    _consent(netp, a1, Purpose.NETWORK, Purpose.STATISTICS)
    consent_record(netp, a1, purpose=Purpose.POLICE, granted=False, how="written")
    r1 = send_referral(
        netp, a1, ReferralRequest(purpose="network", service="psychosocial", profile="social", to_unit=creas_unit)
    )
    for step in (workflow.receive, workflow.accept, workflow.start_service):
        step(creas, r1)
    workflow.conclude(creas, r1, completion_note="Acompanhada pelo PAEFI; plano cumprido.")
    # The police referral needs consent: sent with an override and its reason (shown to the coordination).
    send_referral(chefe, a1, ReferralRequest(
        purpose="police", service="investigation", profile="minimal", to_unit=police_unit, non_criminalisation=True,
        override_reason="Risco a outras vítimas no mesmo local; comunicação mínima sem identidade."))  # fmt: skip
    # 2. Urgent case (threat to life) waiting at the CREAS.
    a2 = _open(netp, identification_route="hotline", threat_to_life=True, risk_level="high", needs=["accommodation"])
    _consent(netp, a2, Purpose.NETWORK, oral=True)
    send_referral(
        netp, a2, ReferralRequest(purpose="network", service="accommodation", profile="minimal", to_unit=creas_unit)
    )
    # 3. Slave labour in Pará: refused by the CREAS for lack of places.
    mte, creas_pa = u["rede.mte.pa"], u["rede.creas.pa"]
    a3 = _open(
        mte, identification_route="rescue", flow=_flow("trabalho-escravo"), needs=["social_benefits", "employment"]
    )
    _consent(mte, a3, Purpose.NETWORK)
    r3 = send_referral(
        mte,
        a3,
        ReferralRequest(purpose="network", service="social_benefits", profile="social", to_unit=units["creas_pa"]),
    )
    workflow.receive(creas_pa, r3)
    workflow.refuse(creas_pa, r3, refusal_reason="no_capacity", refusal_note="Sem vaga no serviço de acolhimento.")
    # 4. A Brazilian abroad, brought back: consulate → PAAHM at the airport (transfer) → closed as returned.
    consul, paahm = u["rede.consulado"], u["rede.paahm"]
    a4 = _open(
        consul, identification_route="consular", flow=_flow("brasileiros-no-exterior"), abroad=True, needs=["return"]
    )
    _consent(consul, a4, Purpose.NETWORK, Purpose.CONSULAR, Purpose.IDENTITY)
    r4 = send_referral(consul, a4, ReferralRequest(purpose="consular", service="return", profile="full",
                                                   to_unit=units["paahm"], transfer_requested=True))  # fmt: skip
    for step in (workflow.receive, workflow.accept, workflow.start_service):
        step(paahm, r4)
    workflow.conclude(paahm, r4, completion_note="Recebida no aeroporto e encaminhada ao NETP de destino.")
    close_atendimento(paahm, Atendimento.objects.get(pk=a4.pk), reason="returned")
    # 5. Rio: a referral nobody answered, expired by the job.
    netp_rj = u["rede.netp.rj"]
    a5 = _open(netp_rj, identification_route="spontaneous", needs=["legal"])
    _consent(netp_rj, a5, Purpose.NETWORK)
    r5 = send_referral(
        netp_rj, a5, ReferralRequest(purpose="network", service="legal", profile="legal", to_unit=units["creas_rj"])
    )
    past = timezone.now() - timedelta(days=10)
    Referral.objects.filter(pk=r5.pk).update(sent_at=past, deadline=past + timedelta(days=7))
    expire_overdue()
    # 6. A referral revoked by the sender, and one to a body outside the platform (letter in PDF).
    r6 = send_referral(
        netp,
        a2,
        ReferralRequest(
            purpose="network",
            service="legal",
            profile="minimal",
            external_body="Defensoria Pública do Estado (fora da plataforma)",
        ),
    )
    workflow.revoke(netp, r6, reason="A Defensoria passou a usar a plataforma.")
    send_referral(
        netp,
        a2,
        ReferralRequest(purpose="network", service="documentation", profile="minimal", external_body="Poupatempo Sé"),
    )
    assert Referral.objects.filter(state=State.EXPIRED).exists()


def load(stdout) -> None:
    flows_data.load(FlowTemplate, FlowStage)  # shipped by migration 0002; again in case a test flushed them
    units = _units()
    users = {}
    for username, key in USERS.items():
        users[username] = _user(username, units[key])
    override = Permission.objects.get(codename="override_consent", content_type__app_label="referrals")
    users["rede.netp.chefe"].user_permissions.add(override)
    if Atendimento.objects.filter(opened_by__username__in=list(USERS)).exists():
        stdout.write("Atendimentos de demonstração já carregados.")
        return
    _scenarios(users, units)
    stdout.write(
        f"Atendimentos de demonstração: {Atendimento.objects.count()}; encaminhamentos: {Referral.objects.count()}. "
        f"Contas da rede: {', '.join(USERS)} (senha {DEMO_PASSWORD})."
    )
