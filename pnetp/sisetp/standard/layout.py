"""The standard's CSV layout: the files a data source sends and the importers read.

Two resources, kept apart as the identity is kept apart in the database (LGPD, art. 13 §4):

- ``pessoas_casos`` (``CASE_PERSON``): one row per person of a case (victim, suspect or perpetrator),
  keyed by ``fonte`` + ``id_registro`` + ``id_pessoa``; no direct identifier;
- ``identidades`` (``IDENTITY``): name, CPF, birth date... of the same persons, same key; sent only
  where a data-sharing agreement covers these columns.

Cells: UTF-8, comma-separated, header in the first row. A blank cell is unknown (NULL) — never write 0
or "não informado". Lists (``multiple``) separate codes with ``;``. Coded columns hold the codes of the
vocabulary named in ``vocabulary`` (see ``pnetp.sisetp.standard.vocabularies``). Partial dates are
written ``AAAA``, ``AAAA-MM`` or ``AAAA-MM-DD``; ``parse_partial_date`` reads them.

Public API for importers: ``CASE_PERSON``, ``IDENTITY``, ``RESOURCES``, ``Column``, ``Resource``,
``column``, ``LIST_SEPARATOR``, ``split_list``, ``parse_partial_date``, ``PartialDate``.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

LIST_SEPARATOR = ";"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
IBGE_MUNICIPALITY_PATTERN = r"^\d{7}$"
UF_PATTERN = r"^[A-Z]{2}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"  # ISO 3166-1 alfa-2, the key of territory.Country


@dataclass(frozen=True)
class Column:
    name: str  # header, Portuguese snake_case
    type: str  # Table Schema type: string, integer, date
    title: str  # lazy pt-BR
    description: str  # lazy pt-BR
    target: str  # where the importers store it: "model.field" (events: "event[kind].field")
    vocabulary: str | None = None  # slug in pnetp.sisetp.standard.vocabularies
    multiple: bool = False  # a LIST_SEPARATOR-separated list
    required: bool = False
    sensitive: bool = False  # sensitive personal data, LGPD art. 5º, II
    identifying: bool = False  # identifies the person directly: only in the identity resource
    constraints: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...] = ()

    @property
    def header(self) -> list[str]:
        return [col.name for col in self.columns]

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _coded(name, title, description, target, vocabulary, *, multiple=False, **extra) -> Column:
    return Column(name, "string", title, description, target, vocabulary=vocabulary, multiple=multiple, **extra)


def _place_columns(stage: str, kind: str, stage_label: str) -> tuple[Column, ...]:
    """Date and place of the recruitment or exploitation event: the most precise place known."""
    return (
        Column(
            f"data_{stage}",
            "string",
            format_lazy(_("Data {}"), stage_label),
            _("AAAA, AAAA-MM ou AAAA-MM-DD, conforme o que se sabe; a precisão é guardada com a data."),
            f"event[{kind}].date",
            constraints={"pattern": PARTIAL_DATE_PATTERN},
        ),
        Column(
            f"municipio_{stage}_ibge",
            "string",
            format_lazy(_("Município {} (código IBGE)"), stage_label),
            _("Código IBGE de 7 dígitos. Preencha o município quando conhecido; a UF é deduzida dele."),
            f"event[{kind}].municipality",
            constraints={"pattern": IBGE_MUNICIPALITY_PATTERN},
        ),
        Column(
            f"uf_{stage}",
            "string",
            format_lazy(_("UF {}"), stage_label),
            _("Sigla da UF, quando o município não é conhecido."),
            f"event[{kind}].federative_unit",
            constraints={"pattern": UF_PATTERN},
        ),
        Column(
            f"pais_{stage}",
            "string",
            format_lazy(_("País {}"), stage_label),
            _("Código ISO 3166-1 alfa-2, quando fora do Brasil ou quando só o país é conhecido."),
            f"event[{kind}].country",
            constraints={"pattern": COUNTRY_PATTERN},
        ),
    )


_KEY_COLUMNS = (
    Column(
        "fonte",
        "string",
        _("Fonte"),
        _("Identificador (slug) da fonte de dados cadastrada no SISETP."),
        "case.source",
        required=True,
        constraints={"pattern": r"^[-a-z0-9_]+$"},
    ),
    Column(
        "id_registro",
        "string",
        _("Identificador do registro na fonte"),
        _("Número do caso, da notificação ou da denúncia no sistema de origem. Único em cada fonte."),
        "case.source_record_id",
        required=True,
        constraints={"maxLength": 100},
    ),
    Column(
        "id_pessoa",
        "string",
        _("Identificador da pessoa no registro"),
        _("Distingue as pessoas de um mesmo registro (1, 2, 3... ou o identificador da fonte)."),
        "person.source_person_id",
        required=True,
        constraints={"maxLength": 50},
    ),
)

CASE_PERSON = Resource(
    name="pessoas_casos",
    title=_("Pessoas dos casos"),
    description=_("Uma linha por pessoa de cada caso: vítimas, suspeitos e autores, sem identificação direta."),
    primary_key=("fonte", "id_registro", "id_pessoa"),
    columns=(
        *_KEY_COLUMNS,
        Column(
            "data_registro",
            "date",
            _("Data do registro"),
            _("Data em que o caso foi registrado ou notificado na fonte (AAAA-MM-DD)."),
            "case.reporting_date",
            required=True,
        ),
        Column(
            "data_identificacao",
            "date",
            _("Data de identificação"),
            _("Data em que a situação de tráfico foi identificada (AAAA-MM-DD)."),
            "case.identification_date",
        ),
        _coded(
            "situacao_trafico",
            _("Situação quanto ao tráfico"),
            _("Confirmado, presumido, risco ou não é tráfico."),
            "case.trafficking_status",
            "trafficking_status",
        ),
        _coded(
            "autoridade_decisao",
            _("Quem decidiu a situação"),
            _("Tipo de autoridade que decidiu a situação quanto ao tráfico."),
            "case.decision_authority",
            "decision_authority",
        ),
        _coded("papel", _("Papel"), _("Vítima, suspeito(a) ou autor(a)."), "person.role", "person_role", required=True),
        _coded(
            "papeis_autor",
            _("Papéis do(a) autor(a) ou suspeito(a)"),
            _("O que fez no processo de tráfico; só para suspeitos e autores."),
            "person.perpetrator_roles",
            "perpetrator_role",
            multiple=True,
        ),
        _coded("sexo", _("Sexo"), _("Sexo atribuído ao nascimento."), "person.sex", "sex"),
        _coded(
            "identidade_genero",
            _("Identidade de gênero"),
            _("Como a pessoa se identifica."),
            "person.gender_identity",
            "gender_identity",
            sensitive=True,
        ),
        Column(
            "idade",
            "integer",
            _("Idade na identificação"),
            _("Idade em anos completos na data de identificação; a faixa etária do CTDC é calculada a partir dela."),
            "person.age_at_identification",
            constraints={"minimum": 0, "maximum": 120},
        ),
        _coded(
            "raca_cor", _("Raça/cor"), _("Classificação do IBGE."), "person.race_colour", "race_colour", sensitive=True
        ),
        Column(
            "nacionalidades",
            "string",
            _("Nacionalidades"),
            _("Códigos ISO 3166-1 alfa-2 dos países de nacionalidade, separados por “;”."),
            "person.citizenships",
            multiple=True,
            constraints={"pattern": r"^[A-Z]{2}(;[A-Z]{2})*$"},
        ),
        _coded(
            "escolaridade", _("Escolaridade"), _("Maior nível de ensino concluído."), "person.education", "education"
        ),
        _coded(
            "relacao_aliciador",
            _("Relação com quem aliciou"),
            _("Relação da vítima com quem a aliciou."),
            "person.relationship_to_recruiter",
            "relationship_to_recruiter",
        ),
        _coded(
            "formas_exploracao",
            _("Formas de exploração"),
            _("Finalidades da exploração (Código Penal, art. 149-A, e HTCDS)."),
            "person.exploitation_forms",
            "exploitation_form",
            multiple=True,
            sensitive=True,
        ),
        _coded(
            "setores_trabalho",
            _("Setores da exploração laboral"),
            _("Seções da CNAE 2.0 (letras A a U)."),
            "person.labour_sectors",
            "labour_sector",
            multiple=True,
        ),
        _coded(
            "tipos_exploracao_sexual",
            _("Tipos de exploração sexual"),
            _("Como se deu a exploração sexual."),
            "person.sexual_exploitation_types",
            "sexual_exploitation_type",
            multiple=True,
            sensitive=True,
        ),
        _coded(
            "meios_controle",
            _("Meios de controle"),
            _("Meios usados para controlar a vítima."),
            "person.means_of_control",
            "means_of_control",
            multiple=True,
        ),
        _coded(
            "formas_aliciamento",
            _("Formas de aliciamento"),
            _("Onde ou por qual meio a vítima foi aliciada."),
            "person.recruitment_methods",
            "recruitment_method",
            multiple=True,
        ),
        _coded(
            "plataformas_aliciamento",
            _("Aplicativos e sítios do aliciamento"),
            _("Aplicativos e sítios usados para aliciar."),
            "person.recruitment_platforms",
            "online_platform",
            multiple=True,
        ),
        _coded(
            "plataformas_exploracao",
            _("Aplicativos e sítios da exploração"),
            _("Aplicativos e sítios usados para explorar."),
            "person.exploitation_platforms",
            "online_platform",
            multiple=True,
        ),
        _coded(
            "servicos_recebidos",
            _("Serviços recebidos"),
            _("Atendimentos e apoios recebidos pela vítima."),
            "person.services_received",
            "service",
            multiple=True,
        ),
        _coded(
            "encaminhamentos",
            _("Encaminhamentos"),
            _("Serviços ou órgãos para onde o caso foi encaminhado."),
            "person.referrals",
            "referral_destination",
            multiple=True,
        ),
        *_place_columns("aliciamento", "aliciamento", _("do aliciamento")),
        Column(
            "paises_transito",
            "string",
            _("Países de trânsito"),
            _("Códigos ISO 3166-1 alfa-2 dos países por onde a vítima passou, na ordem, separados por “;”."),
            "event[transito].country",
            multiple=True,
            constraints={"pattern": r"^[A-Z]{2}(;[A-Z]{2})*$"},
        ),
        *_place_columns("exploracao", "exploracao", _("da exploração")),
    ),
)

IDENTITY = Resource(
    name="identidades",
    title=_("Identidades"),
    description=_(
        "Dados de identificação das pessoas de “pessoas_casos”, guardados à parte e cifrados. Só são enviados "
        "quando o acordo de compartilhamento cobre estas colunas; a leitura é restrita e registrada."
    ),
    primary_key=("fonte", "id_registro", "id_pessoa"),
    foreign_keys=(
        {
            "fields": ["fonte", "id_registro", "id_pessoa"],
            "reference": {"resource": "pessoas_casos", "fields": ["fonte", "id_registro", "id_pessoa"]},
        },
    ),
    columns=(
        *_KEY_COLUMNS,
        Column(
            "nome", "string", _("Nome civil"), _("Nome completo de registro."), "identity.full_name", identifying=True
        ),
        Column(
            "nome_social",
            "string",
            _("Nome social"),
            _("Nome pelo qual a pessoa travesti ou transexual se identifica (Decreto nº 8.727/2016)."),
            "identity.social_name",
            identifying=True,
        ),
        Column(
            "cpf",
            "string",
            _("CPF"),
            _("11 dígitos, com ou sem pontuação; os dígitos verificadores são conferidos."),
            "identity.cpf",
            identifying=True,
            constraints={"pattern": r"^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$"},
        ),
        Column(
            "data_nascimento",
            "date",
            _("Data de nascimento"),
            _("AAAA-MM-DD."),
            "identity.birth_date",
            identifying=True,
        ),
        Column(
            "nome_mae", "string", _("Nome da mãe"), _("Nome completo da mãe."), "identity.mother_name", identifying=True
        ),
        Column("telefone", "string", _("Telefone"), _("Telefone de contato."), "identity.phone", identifying=True),
        Column("email", "string", _("E-mail"), _("Endereço de e-mail."), "identity.email", identifying=True),
        Column(
            "endereco",
            "string",
            _("Endereço"),
            _("Endereço de contato, em texto livre."),
            "identity.address",
            identifying=True,
        ),
    ),
)

RESOURCES = (CASE_PERSON, IDENTITY)


def column(name: str, resource: Resource = CASE_PERSON) -> Column:
    return resource.column(name)


def all_column_names() -> list[str]:
    """Every column of the layout, once (the key columns are in both resources)."""
    return list(dict.fromkeys(name for resource in RESOURCES for name in resource.header))


def split_list(cell: str | None) -> list[str]:
    """A multiple cell as a list of stripped, non-empty items: "a; b;" → ["a", "b"]."""
    return [item.strip() for item in (cell or "").split(LIST_SEPARATOR) if item.strip()]


@dataclass(frozen=True)
class PartialDate:
    value: date  # first day of the period
    precision: str  # code of the date_precision vocabulary: "dia", "mes" or "ano"


def parse_partial_date(text: str | None) -> PartialDate | None:
    """ "2023" → 2023-01-01/ano, "2023-05" → 2023-05-01/mes, "2023-05-17" → dia; blank → None.

    Raises ValueError for anything else (including impossible dates such as 2023-02-30).
    """
    text = (text or "").strip()
    if not text:
        return None
    if not re.fullmatch(PARTIAL_DATE_PATTERN, text):
        raise ValueError(f"data parcial inválida: {text!r} (use AAAA, AAAA-MM ou AAAA-MM-DD)")
    parts = [int(part) for part in text.split("-")]
    precision = {1: "ano", 2: "mes", 3: "dia"}[len(parts)]
    return PartialDate(date(*parts, *[1] * (3 - len(parts))), precision)
