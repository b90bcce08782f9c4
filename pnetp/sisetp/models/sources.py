"""Who reports and under which terms: the standard's versions, data sources and data-sharing agreements.

The reporting entity is ``institutions.Institution``; a ``DataSource`` is one of its systems
(plan activity 2.1.1: map the sources); the agreement states why and on which LGPD basis the
source shares which columns of the layout.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..standard import layout


def validate_layout_columns(value) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Informe uma lista de nomes de colunas do leiaute."))
    unknown = sorted(set(value) - set(layout.all_column_names()))
    if unknown:
        raise ValidationError(
            _("Colunas que não existem no leiaute: %(columns)s."), params={"columns": ", ".join(unknown)}
        )


class StandardVersion(models.Model):
    version = models.CharField(_("versão"), max_length=20, unique=True, help_text=_("Número da versão, como “1.0”."))
    title = models.CharField(_("título"), max_length=200, help_text=_("Nome da versão do padrão."))
    published_on = models.DateField(_("publicada em"), null=True, blank=True, help_text=_("Data de publicação."))
    notes = models.TextField(_("notas"), blank=True, help_text=_("O que mudou em relação à versão anterior."))

    class Meta:
        verbose_name = _("versão do padrão")
        verbose_name_plural = _("versões do padrão")
        ordering = ["-published_on", "-version"]

    def __str__(self) -> str:
        return self.version


class DataSource(models.Model):
    class Coverage(models.TextChoices):
        NATIONAL = "nacional", _("Nacional")
        STATE = "estadual", _("Estadual ou distrital")
        MUNICIPAL = "municipal", _("Municipal")
        SERVICE = "servico", _("Um serviço ou unidade")

    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição responsável"),
        on_delete=models.PROTECT,
        related_name="data_sources",
        help_text=_("Entidade que registra os dados e responde por eles (entidade notificadora)."),
    )
    slug = models.SlugField(
        _("identificador"), max_length=60, unique=True, help_text=_("Usado na coluna “fonte” dos arquivos CSV.")
    )
    name = models.CharField(_("nome"), max_length=200, help_text=_("Nome da fonte de dados."))
    system = models.CharField(
        _("sistema"),
        max_length=200,
        blank=True,
        help_text=_("Sistema de informação de origem (por exemplo, Disque 100)."),
    )
    coverage = models.CharField(
        _("abrangência"), max_length=20, choices=Coverage.choices, help_text=_("Alcance territorial dos registros.")
    )
    federative_unit = models.ForeignKey(
        "territory.FederativeUnit",
        verbose_name=_("UF"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("UF coberta, nas fontes estaduais."),
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("município"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Município coberto, nas fontes municipais."),
    )
    period_start = models.DateField(
        _("início do período"), null=True, blank=True, help_text=_("Data do registro mais antigo disponível.")
    )
    period_end = models.DateField(
        _("fim do período"),
        null=True,
        blank=True,
        help_text=_("Data do registro mais recente; vazio se a fonte segue ativa."),
    )
    fields_provided = models.JSONField(
        _("colunas fornecidas"),
        default=list,
        blank=True,
        validators=[validate_layout_columns],
        help_text=_("Colunas do leiaute que a fonte consegue preencher."),
    )
    contact_name = models.CharField(
        _("contato"), max_length=200, blank=True, help_text=_("Setor ou cargo responsável pela fonte.")
    )
    contact_email = models.EmailField(
        _("e-mail de contato"), blank=True, help_text=_("E-mail institucional do contato.")
    )
    active = models.BooleanField(_("ativa"), default=True, help_text=_("Se a fonte ainda envia dados."))
    strict_identifiers = models.BooleanField(
        _("identificadores estritos"),
        default=False,
        help_text=_(
            "Se marcado, um arquivo de identidades com CPF inválido ou data inexistente é recusado inteiro. "
            "Se não, o valor é gravado como informado (cifrado), marcado como inválido e listado como aviso."
        ),
    )
    in_statistics = models.BooleanField(
        _("entra nas estatísticas"),
        default=True,
        help_text=_(
            "Falso para uma fonte que só guarda registros sem consentimento para estatísticas "
            "(atendimentos da rede): seus casos ficam fora das estatísticas e da ligação de registros."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fonte de dados")
        verbose_name_plural = _("fontes de dados")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("O fim do período não pode ser anterior ao início.")})
        if self.coverage == self.Coverage.STATE and not self.federative_unit_id:
            raise ValidationError({"federative_unit": _("Informe a UF de uma fonte estadual.")})
        if self.coverage == self.Coverage.MUNICIPAL and not self.municipality_id:
            raise ValidationError({"municipality": _("Informe o município de uma fonte municipal.")})


class LegalBasis(models.TextChoices):
    """Bases of LGPD (Lei 13.709/2018) art. 7 (personal data) and art. 11 (sensitive personal data)."""

    ART7_I = "art7_i", _("Art. 7º, I – consentimento do titular")
    ART7_II = "art7_ii", _("Art. 7º, II – cumprimento de obrigação legal ou regulatória")
    ART7_III = "art7_iii", _("Art. 7º, III – execução de políticas públicas pela administração pública")
    ART7_IV = "art7_iv", _("Art. 7º, IV – estudos por órgão de pesquisa")
    ART7_VI = "art7_vi", _("Art. 7º, VI – exercício regular de direitos em processo")
    ART7_VII = "art7_vii", _("Art. 7º, VII – proteção da vida ou da incolumidade física")
    ART7_VIII = "art7_viii", _("Art. 7º, VIII – tutela da saúde")
    ART11_I = "art11_i", _("Art. 11, I – consentimento específico e destacado do titular")
    ART11_IIA = "art11_ii_a", _("Art. 11, II, a – cumprimento de obrigação legal ou regulatória")
    ART11_IIB = "art11_ii_b", _("Art. 11, II, b – execução de políticas públicas previstas em leis ou regulamentos")
    ART11_IIC = "art11_ii_c", _("Art. 11, II, c – estudos por órgão de pesquisa")
    ART11_IID = "art11_ii_d", _("Art. 11, II, d – exercício regular de direitos em processo")
    ART11_IIE = "art11_ii_e", _("Art. 11, II, e – proteção da vida ou da incolumidade física")
    ART11_IIF = "art11_ii_f", _("Art. 11, II, f – tutela da saúde")

    @classmethod
    def for_sensitive_data(cls) -> set[str]:
        return {basis.value for basis in cls if basis.value.startswith("art11")}


class DataSharingAgreement(models.Model):
    title = models.CharField(_("título"), max_length=300, help_text=_("Nome do acordo, termo ou convênio."))
    parties = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("partes"),
        related_name="data_sharing_agreements",
        help_text=_("Instituições que assinam o acordo."),
    )
    sources = models.ManyToManyField(
        DataSource,
        verbose_name=_("fontes cobertas"),
        related_name="agreements",
        help_text=_("Fontes de dados cujo compartilhamento o acordo autoriza."),
    )
    purpose = models.TextField(_("finalidade"), help_text=_("Para que os dados são compartilhados (LGPD, art. 6º, I)."))
    legal_basis = models.CharField(
        _("base legal"),
        max_length=20,
        choices=LegalBasis.choices,
        help_text=_("Hipótese da LGPD que autoriza o tratamento; dados sensíveis exigem uma base do art. 11."),
    )
    fields_shared = models.JSONField(
        _("colunas compartilhadas"),
        default=list,
        validators=[validate_layout_columns],
        help_text=_("Colunas do leiaute que o acordo permite compartilhar."),
    )
    valid_from = models.DateField(_("vigente desde"), help_text=_("Início da vigência."))
    valid_until = models.DateField(
        _("vigente até"), null=True, blank=True, help_text=_("Fim da vigência; vazio se por prazo indeterminado.")
    )
    document_reference = models.CharField(
        _("documento"),
        max_length=200,
        help_text=_("Referência do instrumento assinado (por exemplo, número do processo SEI)."),
    )
    history = HistoricalRecords(m2m_fields=[parties, sources])

    class Meta:
        verbose_name = _("acordo de compartilhamento de dados")
        verbose_name_plural = _("acordos de compartilhamento de dados")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="sisetp_agreement_valid_period",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("O fim da vigência não pode ser anterior ao início.")})
        shared = set(self.fields_shared or [])
        sensitive = {col.name for res in layout.RESOURCES for col in res.columns if col.sensitive or col.identifying}
        if shared & sensitive and self.legal_basis and self.legal_basis not in LegalBasis.for_sensitive_data():
            raise ValidationError(
                {"legal_basis": _("O acordo compartilha dados sensíveis ou identificadores: use uma base do art. 11.")}
            )
