"""The case: whether it is trafficking, and which authority decided it."""

from django.utils.translation import gettext_lazy as _

from ..terms import Vocabulary, broader, entry

TRAFFICKING_STATUS = Vocabulary(
    slug="trafficking_status",
    label=_("Situação quanto ao tráfico de pessoas"),
    description=_(
        "Se o caso é tráfico de pessoas (Código Penal, art. 149-A), segundo a autoridade que decidiu. "
        "Casos de risco registram pessoas vulneráveis que ainda não foram traficadas."
    ),
    references={"htcds": "vic_TraffickingStatus"},
    entries=(
        entry("confirmado", _("Tráfico de pessoas confirmado"), htcds="ActualVictimOfTrafficking"),
        entry("presumido", _("Tráfico de pessoas presumido (há indícios)"), htcds="PossibleVictimOfTrafficking"),
        entry("risco", _("Pessoa em situação de risco de tráfico")),
        entry("nao_trafico", _("Não é tráfico de pessoas"), htcds="NotAVictimOfTrafficking"),
    ),
)

DECISION_AUTHORITY = Vocabulary(
    slug="decision_authority",
    label=_("Quem decidiu a situação"),
    description=_("Tipo de autoridade ou organização que decidiu a situação quanto ao tráfico de pessoas."),
    references={"htcds": "vic_TraffickingStatusDecisionMakingOrg"},
    entries=(
        entry("policia", _("Polícia (Federal, Rodoviária Federal, Civil ou Militar)"), htcds="Police"),
        entry(
            "sistema_justica", _("Sistema de justiça (Ministério Público ou Judiciário)"), htcds="CourtOrProsecution"
        ),
        entry("ministerio_publico", _("Ministério Público"), htcds=broader("CourtOrProsecution")),
        entry("judiciario", _("Poder Judiciário"), htcds=broader("CourtOrProsecution")),
        entry(
            "orgao_publico",
            _("Outro órgão público (não policial)"),
            htcds="NonPoliceGovernmentalOrganization",
        ),
        entry(
            "auditoria_trabalho",
            _("Auditoria-Fiscal do Trabalho"),
            htcds=broader("NonPoliceGovernmentalOrganization"),
        ),
        entry(
            "netp_posto",
            _("Núcleo de Enfrentamento ao Tráfico de Pessoas ou Posto Avançado"),
            htcds=broader("NonPoliceGovernmentalOrganization"),
        ),
        entry(
            "assistencia_social",
            _("Rede socioassistencial (CREAS, CRAS)"),
            htcds=broader("NonPoliceGovernmentalOrganization"),
        ),
        entry("conselho_tutelar", _("Conselho Tutelar"), htcds=broader("NonPoliceGovernmentalOrganization")),
        entry("sociedade_civil", _("Organização da sociedade civil"), htcds="NGO"),
        entry("outra", _("Outra"), htcds="Other"),
    ),
)
