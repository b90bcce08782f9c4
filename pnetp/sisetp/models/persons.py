"""A person of a case, pseudonymous: everything but who they are (the identity lives in ``identity``).

Analysts and statistics see these rows and the ``pseudonym`` only.
"""

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..fields import VocabularyField
from ..standard.vocabularies import AGE_BAND_FLOORS

# Multi-valued vocabularies: field name → vocabulary slug (also used to check the links in signals).
TERM_FIELDS = {
    "perpetrator_roles": "perpetrator_role",
    "exploitation_forms": "exploitation_form",
    "labour_sectors": "labour_sector",
    "sexual_exploitation_types": "sexual_exploitation_type",
    "means_of_control": "means_of_control",
    "recruitment_methods": "recruitment_method",
    "recruitment_platforms": "online_platform",
    "exploitation_platforms": "online_platform",
    "services_received": "service",
    "referrals": "referral_destination",
}


def age_band_for(age: int | None) -> str | None:
    if age is None:
        return None
    return next(code for floor, code in AGE_BAND_FLOORS if age >= floor)


def _terms(vocabulary: str, verbose_name, help_text) -> models.ManyToManyField:
    return models.ManyToManyField(
        "sisetp.VocabularyTerm",
        verbose_name=verbose_name,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": vocabulary},
        help_text=help_text,
    )


class CasePerson(models.Model):
    case = models.ForeignKey(
        "sisetp.Case",
        verbose_name=_("caso"),
        on_delete=models.CASCADE,
        related_name="persons",
        db_index=False,  # the unique (case, source_person_id) index serves look-ups by case
        help_text=_("Caso a que a pessoa pertence."),
    )
    source_person_id = models.CharField(
        _("identificador da pessoa no registro"),
        max_length=50,
        help_text=_("Distingue as pessoas de um mesmo registro da fonte."),
    )
    pseudonym = models.UUIDField(
        _("pseudônimo"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identificador aleatório da pessoa, o único que análises e estatísticas veem."),
    )
    # Written by ``pnetp sisetp dedupe --aplicar``: records of one person share it, so statistics count people.
    person_key = models.CharField(
        _("pessoa única"),
        max_length=40,
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Identificador estável da pessoa única entre fontes, dado pela ligação de registros."),
    )
    batch = models.ForeignKey(
        "sisetp.ImportBatch",
        verbose_name=_("lote de importação"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="persons",
        help_text=_("Último lote de importação que gravou a pessoa."),
    )
    role = VocabularyField(
        "person_role", verbose_name=_("papel"), null=False, blank=False, help_text=_("Vítima, suspeito(a) ou autor(a).")
    )
    perpetrator_roles = _terms(
        "perpetrator_role", _("papéis no tráfico"), _("O que o(a) suspeito(a) ou autor(a) fez no processo de tráfico.")
    )
    sex = VocabularyField("sex", verbose_name=_("sexo"), help_text=_("Sexo atribuído ao nascimento."))
    gender_identity = VocabularyField(
        "gender_identity", verbose_name=_("identidade de gênero"), help_text=_("Como a pessoa se identifica.")
    )
    age_at_identification = models.PositiveSmallIntegerField(
        _("idade na identificação"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Idade em anos completos na data de identificação; vazio se desconhecida."),
    )
    age_band = VocabularyField(
        "age_band",
        verbose_name=_("faixa etária"),
        editable=False,
        help_text=_("Faixa etária do CTDC, calculada a partir da idade."),
    )
    race_colour = VocabularyField("race_colour", verbose_name=_("raça/cor"), help_text=_("Classificação do IBGE."))
    citizenships = models.ManyToManyField(
        "territory.Country",
        verbose_name=_("nacionalidades"),
        blank=True,
        related_name="+",
        help_text=_("Países de que a pessoa é nacional (ISO 3166-1)."),
    )
    education = VocabularyField(
        "education", verbose_name=_("escolaridade"), help_text=_("Maior nível de ensino concluído.")
    )
    relationship_to_recruiter = VocabularyField(
        "relationship_to_recruiter",
        verbose_name=_("relação com quem aliciou"),
        help_text=_("Relação da vítima com a pessoa que a aliciou."),
    )
    exploitation_forms = _terms(
        "exploitation_form",
        _("formas de exploração"),
        _("Finalidades da exploração (Código Penal, art. 149-A, e HTCDS)."),
    )
    labour_sectors = _terms("labour_sector", _("setores da exploração laboral"), _("Seções da CNAE 2.0 / ISIC rev. 4."))
    sexual_exploitation_types = _terms(
        "sexual_exploitation_type", _("tipos de exploração sexual"), _("Como se deu a exploração sexual.")
    )
    means_of_control = _terms("means_of_control", _("meios de controle"), _("Meios usados para controlar a vítima."))
    recruitment_methods = _terms(
        "recruitment_method", _("formas de aliciamento"), _("Onde ou por qual meio a vítima foi aliciada.")
    )
    recruitment_platforms = _terms(
        "online_platform", _("aplicativos e sítios do aliciamento"), _("Aplicativos e sítios usados para aliciar.")
    )
    exploitation_platforms = _terms(
        "online_platform", _("aplicativos e sítios da exploração"), _("Aplicativos e sítios usados para explorar.")
    )
    services_received = _terms("service", _("serviços recebidos"), _("Atendimentos e apoios recebidos pela vítima."))
    referrals = _terms(
        "referral_destination", _("encaminhamentos"), _("Serviços ou órgãos para onde o caso foi encaminhado.")
    )
    history = HistoricalRecords(
        m2m_fields=[
            perpetrator_roles,
            citizenships,
            exploitation_forms,
            labour_sectors,
            sexual_exploitation_types,
            means_of_control,
            recruitment_methods,
            recruitment_platforms,
            exploitation_platforms,
            services_received,
            referrals,
        ]
    )

    class Meta:
        verbose_name = _("pessoa do caso")
        verbose_name_plural = _("pessoas dos casos")
        ordering = ["case", "source_person_id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "source_person_id"], name="sisetp_unique_person_in_case"),
            models.CheckConstraint(
                condition=models.Q(age_at_identification__isnull=True) | models.Q(age_at_identification__lte=120),
                name="sisetp_person_age_max_120",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.pseudonym}"

    def save(self, *args, **kwargs):
        self.age_band = age_band_for(self.age_at_identification)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "age_band"}
        super().save(*args, **kwargs)
