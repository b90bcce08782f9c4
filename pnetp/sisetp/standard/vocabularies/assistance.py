"""Assistance: services the victim received and where the case was referred."""

from django.utils.translation import gettext_lazy as _

from ..terms import Vocabulary, broader, entry

SERVICE = Vocabulary(
    slug="service",
    label=_("Serviço recebido"),
    description=_("Atendimentos e apoios recebidos pela vítima, na linha dos tipos de plano de apoio do HTCDS."),
    references={"htcds": "spl_Type"},
    entries=(
        entry("socioassistencial", _("Atendimento socioassistencial (CRAS, CREAS)"), htcds="SocialCare"),
        entry("acolhimento", _("Acolhimento institucional ou abrigo"), htcds=broader("SocialCare")),
        entry("saude", _("Atendimento de saúde"), htcds="Health"),
        entry("saude_mental", _("Atendimento psicológico ou de saúde mental"), htcds=broader("Health")),
        entry("juridico", _("Orientação ou assistência jurídica"), htcds="Legal"),
        entry("documentacao", _("Emissão de documentos"), htcds=broader("Legal")),
        entry("regularizacao_migratoria", _("Regularização migratória"), htcds=broader("Legal")),
        entry("educacao", _("Educação"), htcds="Education"),
        entry("qualificacao_trabalho", _("Qualificação profissional e inserção no trabalho"), htcds="Livelihood"),
        entry(
            "renda",
            _("Benefícios e transferência de renda (inclusive seguro-desemprego do trabalhador resgatado)"),
            htcds="Financial",
        ),
        entry("formacao_direitos", _("Formação em direitos"), htcds="RightsBasedTraining"),
        entry(
            "reabilitacao_trabalho",
            _("Reabilitação após exploração laboral"),
            htcds="LabourExploitationRehabilitation",
        ),
        entry(
            "reabilitacao_sexual",
            _("Reabilitação após exploração sexual"),
            htcds="SexualExploitationRehabilitation",
        ),
        entry("retorno_assistido", _("Retorno assistido ao local de origem")),
        entry("programa_protecao", _("Inclusão em programa de proteção (PROVITA, PPCAAM)")),
    ),
)

REFERRAL_DESTINATION = Vocabulary(
    slug="referral_destination",
    label=_("Encaminhamento"),
    description=_(
        "Serviço ou órgão da rede para onde o caso foi encaminhado. No HTCDS o encaminhamento aponta para "
        "uma organização, sem lista de valores."
    ),
    entries=(
        entry("creas", _("CREAS – Centro de Referência Especializado de Assistência Social")),
        entry("cras", _("CRAS – Centro de Referência de Assistência Social")),
        entry("netp", _("Núcleo de Enfrentamento ao Tráfico de Pessoas")),
        entry("posto_avancado", _("Posto Avançado de Atendimento Humanizado ao Migrante")),
        entry("acolhimento", _("Serviço de acolhimento")),
        entry("saude", _("Serviço de saúde (SUS)")),
        entry("conselho_tutelar", _("Conselho Tutelar")),
        entry("defensoria", _("Defensoria Pública")),
        entry("ministerio_publico", _("Ministério Público")),
        entry("policia_federal", _("Polícia Federal")),
        entry("policia_civil", _("Polícia Civil")),
        entry("auditoria_trabalho", _("Auditoria-Fiscal do Trabalho")),
        entry("consulado", _("Representação consular")),
        entry("sociedade_civil", _("Organização da sociedade civil")),
        entry("outro", _("Outro")),
    ),
)
