"""Vocabularies of the referral flow (codes in English, labels in pt-BR)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentificationRoute(models.TextChoices):
    RESCUE = "rescue", _("Operação de resgate")
    HOTLINE = "hotline", _("Canal de denúncia (Disque 100, Ligue 180)")
    SPONTANEOUS = "spontaneous", _("Procura espontânea")
    CONSULAR = "consular", _("Posto consular no exterior")
    CIVIL_SOCIETY = "civil_society", _("Organização da sociedade civil")
    HEALTH = "health", _("Serviço de saúde")
    SOCIAL = "social", _("Serviço socioassistencial")
    POLICE = "police", _("Polícia")
    OTHER = "other", _("Outra")


class VictimStatus(models.TextChoices):
    PRESUMED = "presumido", _("Vítima presumida")
    CONFIRMED = "confirmado", _("Vítima confirmada")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Baixo")
    MEDIUM = "medium", _("Médio")
    HIGH = "high", _("Alto")


class AtendimentoStatus(models.TextChoices):
    OPEN = "aberto", _("Aberto")
    FOLLOW_UP = "em_acompanhamento", _("Em acompanhamento")
    CLOSED = "encerrado", _("Encerrado")


class ClosureReason(models.TextChoices):
    """Reasons to close a case, after the HTCDS 2.0 case-closure list."""

    GOALS_MET = "goals_met", _("Objetivos do plano de atendimento alcançados")
    TRANSFERRED = "transferred", _("Transferido para outra unidade ou serviço")
    LOST_CONTACT = "lost_contact", _("Perda de contato")
    DECLINED = "declined", _("A pessoa recusou a continuidade do atendimento")
    MOVED = "moved", _("Mudança para fora da área de atendimento")
    RETURNED = "returned", _("Retorno ao país ou local de origem concluído")
    DECEASED = "deceased", _("Óbito")
    NOT_TRAFFICKING = "not_trafficking", _("Não se confirmou situação de tráfico")
    OTHER = "other", _("Outro motivo")


class GuardianKind(models.TextChoices):
    PARENT = "parent", _("Responsável legal")
    TUTELARY_COUNCIL = "conselho_tutelar", _("Conselho Tutelar")


class Purpose(models.TextChoices):
    """What a consent covers (LGPD art. 11 and 14): one row per purpose."""

    NETWORK = "network", _("Compartilhar com a rede para atendimento")
    POLICE = "police", _("Compartilhar com a polícia")
    IDENTITY = "identity", _("Compartilhar a identidade (e não só dados pseudonimizados)")
    STATISTICS = "statistics", _("Incluir nas estatísticas nacionais (SISETP)")
    CONTACT = "contact", _("Ser contatada")
    CONSULAR = "consular", _("Compartilhar com a rede consular")


class ConsentHow(models.TextChoices):
    WRITTEN = "written", _("Por escrito")
    ORAL = "oral", _("Verbal, com testemunha")


class SharingProfile(models.TextChoices):
    MINIMAL = "minimal", _("Mínimo")
    SOCIAL = "social", _("Socioassistencial")
    HEALTH = "health", _("Saúde")
    LEGAL = "legal", _("Jurídico")
    FULL = "full", _("Completo")


class Section(models.TextChoices):
    """Parts of an atendimento page; a sharing profile opens some of them."""

    SUMMARY = "summary", _("Resumo")
    RISK = "risk", _("Avaliação de risco")
    NEEDS = "needs", _("Necessidades")
    CARE_PLAN = "care_plan", _("Plano de atendimento")
    SERVICES = "services", _("Serviços recebidos")
    JUSTICE = "justice", _("Polícia e justiça")
    IDENTITY = "identity", _("Identidade")


S = Section
PROFILE_SECTIONS: dict[str, frozenset[str]] = {
    SharingProfile.MINIMAL: frozenset({S.SUMMARY, S.RISK}),
    SharingProfile.SOCIAL: frozenset({S.SUMMARY, S.RISK, S.NEEDS, S.CARE_PLAN, S.SERVICES}),
    SharingProfile.HEALTH: frozenset({S.SUMMARY, S.RISK, S.NEEDS, S.SERVICES}),
    SharingProfile.LEGAL: frozenset({S.SUMMARY, S.RISK, S.JUSTICE}),
    SharingProfile.FULL: frozenset(S.values),
}
ALL_SECTIONS = frozenset(S.values)
