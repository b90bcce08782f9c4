"""Open data of the published plans: CSV and JSON per resource, a Frictionless Data Package
(``datapackage.json``, whose Table Schemas are the data dictionary) and a zip with everything.

Rows come from the same public views as the portal pages: published plans, approved reports,
public evidence, institutions instead of people.
"""

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnetp.core.spreadsheet_safety import csv_writer
from pnetp.monitoring.models import Responsibility
from pnetp.network.selectors import public_rows
from pnetp.monitoring.services.rollup import plan_progress
from pnetp.plans.models import Activity, code_sort_key

from .pages import public_activities
from .visibility import APPROVER, approved_reports, evidence_link, public_plans

PACKAGE_NAME = "pnetp-dados-abertos"
ZIP_NAME = f"{PACKAGE_NAME}.zip"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
EVIDENCE_SEPARATOR = " | "
TYPE_LABELS = {
    "string": _("texto"),
    "integer": _("número inteiro"),
    "number": _("número decimal (ponto como separador)"),
    "date": _("data (AAAA-MM-DD)"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number or date
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def type_label(self) -> str:
        return str(TYPE_LABELS[self.type])

    def descriptor(self) -> dict:
        constraints = {"required": True} if self.required else {}
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        result = {"name": self.name, "type": self.type, "description": str(self.description)}
        return {**result, "constraints": constraints} if constraints else result


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[], Iterator[dict]]
    refers_to_activities: bool = False  # (plano, atividade_codigo) must exist in "atividades"

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def schema(self) -> dict:
        schema = {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.refers_to_activities:
            keys = ["plano", "atividade_codigo"]
            schema["foreignKeys"] = [{"fields": keys, "reference": {"resource": "atividades", "fields": keys}}]
        return schema


# ------------------------------------------------------------------ rows


def _activities() -> Iterator[dict]:
    for plan in public_plans():
        activities = Activity.objects.filter(plan=plan).select_related("action__axis")
        for a in sorted(activities, key=lambda a: code_sort_key(a.code)):
            yield {
                "plano": plan.slug,
                "eixo_codigo": a.action.axis.code,
                "eixo_titulo": a.action.axis.title,
                "acao_codigo": a.action.code,
                "acao_titulo": a.action.title,
                "atividade_codigo": a.code,
                "atividade_descricao": a.description,
            }


def _responsibilities() -> Iterator[dict]:
    for plan in public_plans():
        rows = Responsibility.objects.filter(activity__plan=plan).select_related("activity")
        rows = rows.prefetch_related("lead_institutions", "partner_institutions")
        for r in sorted(rows, key=lambda r: code_sort_key(r.activity.code)):
            for role, institutions in (("responsavel", r.lead_institutions), ("parceira", r.partner_institutions)):
                for institution in sorted(institutions.all(), key=lambda i: i.acronym.casefold()):
                    yield {
                        "plano": plan.slug,
                        "atividade_codigo": r.activity.code,
                        "instituicao_sigla": institution.acronym,
                        "instituicao_nome": institution.name,
                        "papel": role,
                        "inicio": r.start_date,
                        "prazo_final": r.end_date,
                        "entrega_esperada": r.deliverable,
                        "peso": r.weight,
                    }


def _approved_reports() -> Iterator[dict]:
    reports = sorted(
        approved_reports(),
        key=lambda r: (r.cycle.plan.slug, r.cycle.period_end, r.cycle.name, code_sort_key(r.activity.code),
                       r.institution.acronym.casefold()),
    )  # fmt: skip
    for r in reports:
        default = r.status.default_percent if r.status else 0
        counted = r.percent_complete if r.percent_complete is not None else default  # the roll-up's rule
        yield {
            "plano": r.cycle.plan.slug,
            "ciclo": r.cycle.name,
            "ciclo_inicio": r.cycle.period_start,
            "ciclo_fim": r.cycle.period_end,
            "atividade_codigo": r.activity.code,
            "instituicao_sigla": r.institution.acronym,
            "situacao": r.status.label if r.status else "",
            "percentual_informado": r.percent_complete,
            "percentual_considerado": counted,
            "relato": r.narrative,
            "dificuldades": r.difficulties,
            "proximos_passos": r.next_steps,
            "aprovado_em": timezone.localdate(r.approved_at) if r.approved_at else None,
            "aprovado_por": str(APPROVER),
            "evidencias_publicas": EVIDENCE_SEPARATOR.join(evidence_link(e) for e in r.public_evidence),
        }


def _progress_row(plan, level, node) -> dict:
    return {
        "plano": plan.slug,
        "nivel": level,
        "codigo": node.code,
        "titulo": node.title,
        "progresso_percentual": node.progress,
        "peso": node.weight,
        "atividades_contabilizadas": node.counted,
        "atividades_excluidas": node.excluded,
        "situacao": "",
    }


def _progress() -> Iterator[dict]:
    for plan in public_plans():
        tree = plan_progress(plan)
        activities = public_activities(plan, tree)
        yield _progress_row(plan, "plano", tree)
        for axis in tree.children:
            yield _progress_row(plan, "eixo", axis)
            for action in axis.children:
                yield _progress_row(plan, "acao", action)
                for leaf in action.children:
                    activity = activities[leaf.code]
                    yield {
                        "plano": plan.slug,
                        "nivel": "atividade",
                        "codigo": leaf.code,
                        "titulo": activity.text,
                        "progresso_percentual": leaf.progress,
                        "peso": leaf.weight,
                        "atividades_contabilizadas": 0 if leaf.excluded else 1,
                        "atividades_excluidas": 1 if leaf.excluded else 0,
                        "situacao": activity.status,
                    }


def _network_units() -> Iterator[dict]:
    # Through the network app's only public reader: restricted fields (a shelter's address) come out empty.
    for row in public_rows():
        yield {**row, "servicos": ";".join(row["servicos"]), "restrito": ";".join(row["restrito"])}


# ------------------------------------------------------------------ the resources (the data dictionary)

PLAN = Field("plano", "string", _("Identificador do plano (por exemplo, iv-pnetp)."), required=True)
ACTIVITY = Field("atividade_codigo", "string", _("Código oficial da atividade (eixo.ação.atividade)."), required=True)
ACRONYM = Field("instituicao_sigla", "string", _("Sigla da instituição."), required=True)
PERCENT = {"minimum": 0, "maximum": 100}

RESOURCES = (
    Resource(
        "atividades",
        _("Estrutura do plano"),
        _("Uma linha por atividade, com o eixo e a ação prioritária a que pertence."),
        (
            PLAN,
            Field("eixo_codigo", "string", _("Código do eixo estratégico."), required=True),
            Field("eixo_titulo", "string", _("Título do eixo estratégico.")),
            Field("acao_codigo", "string", _("Código da ação prioritária (eixo.ação)."), required=True),
            Field("acao_titulo", "string", _("Título da ação prioritária.")),
            ACTIVITY,
            Field("atividade_descricao", "string", _("Texto da atividade no plano.")),
        ),
        ("plano", "atividade_codigo"),
        _activities,
    ),
    Resource(
        "responsabilidades",
        _("Responsabilidades"),
        _("Uma linha por atividade e instituição: responsáveis e parceiras, datas, entrega esperada e peso."),
        (
            PLAN,
            ACTIVITY,
            ACRONYM,
            Field("instituicao_nome", "string", _("Nome da instituição.")),
            Field(
                "papel",
                "string",
                _("Papel da instituição na atividade: responsavel ou parceira."),
                required=True,
                enum=("responsavel", "parceira"),
            ),  # fmt: skip
            Field("inicio", "date", _("Data de início da atividade (AAAA-MM-DD); vazio se não definida.")),
            Field("prazo_final", "date", _("Prazo final da atividade (AAAA-MM-DD); vazio se não definido.")),
            Field("entrega_esperada", "string", _("Entrega esperada da atividade.")),
            Field("peso", "number", _("Peso da atividade no cálculo do progresso da ação, do eixo e do plano.")),
        ),
        ("plano", "atividade_codigo", "instituicao_sigla"),
        _responsibilities,
        refers_to_activities=True,
    ),
    Resource(
        "relatorios_aprovados",
        _("Relatórios de progresso aprovados"),
        _(
            "Todos os relatórios aprovados pela coordenação nacional, de todos os ciclos. Não há dados pessoais: "
            "constam só as instituições, e apenas as evidências públicas."
        ),  # fmt: skip
        (
            PLAN,
            Field("ciclo", "string", _("Nome do ciclo de monitoramento (por exemplo, 2025.1)."), required=True),
            Field("ciclo_inicio", "date", _("Início do período do ciclo (AAAA-MM-DD).")),
            Field("ciclo_fim", "date", _("Fim do período do ciclo (AAAA-MM-DD).")),
            ACTIVITY,
            ACRONYM,
            Field("situacao", "string", _("Situação da atividade informada no relatório.")),
            Field(
                "percentual_informado",
                "integer",
                _("Percentual concluído informado; vazio se não informado."),
                **PERCENT,
            ),  # fmt: skip
            Field(
                "percentual_considerado",
                "integer",
                _("Percentual usado no cálculo do progresso: o informado ou, se vazio, o padrão da situação."),
                required=True,
                **PERCENT,
            ),  # fmt: skip
            Field("relato", "string", _("Relato das ações realizadas no período.")),
            Field("dificuldades", "string", _("Dificuldades encontradas.")),
            Field("proximos_passos", "string", _("Próximos passos previstos.")),
            Field("aprovado_em", "date", _("Data da aprovação (AAAA-MM-DD).")),
            Field("aprovado_por", "string", _("Sempre “Coordenação nacional”: pessoas não são identificadas.")),
            Field(
                "evidencias_publicas",
                "string",
                _("Endereços das evidências públicas, separados por “ | ”; vazio se não houver."),
            ),  # fmt: skip
        ),
        ("plano", "ciclo", "atividade_codigo", "instituicao_sigla"),
        _approved_reports,
        refers_to_activities=True,
    ),
    Resource(
        "progresso",
        _("Progresso por atividade, ação, eixo e plano"),
        _(
            "Progresso calculado a partir do último relatório aprovado de cada instituição em cada atividade: média "
            "entre as instituições na atividade e média ponderada pelo peso nos níveis acima. Atividade sem relatório "
            "aprovado conta 0%; atividade cancelada fica fora do cálculo."
        ),  # fmt: skip
        (
            PLAN,
            Field(
                "nivel",
                "string",
                _("Nível: plano, eixo, acao ou atividade."),
                required=True,
                enum=("plano", "eixo", "acao", "atividade"),
            ),  # fmt: skip
            Field("codigo", "string", _("Código do item (o identificador do plano no nível plano)."), required=True),
            Field("titulo", "string", _("Título do plano, eixo ou ação, ou o texto da atividade.")),
            Field(
                "progresso_percentual",
                "number",
                _(
                    "Progresso de 0 a 100, com duas casas decimais; vazio quando "
                    "todas as atividades abaixo foram canceladas."
                ),
                **PERCENT,
            ),
            Field(
                "peso",
                "number",
                _("Peso do item: o da atividade, ou a soma dos pesos das atividades contabilizadas abaixo dele."),
            ),
            Field("atividades_contabilizadas", "integer", _("Atividades que entram no cálculo."), minimum=0),
            Field("atividades_excluidas", "integer", _("Atividades fora do cálculo (canceladas)."), minimum=0),
            Field(
                "situacao",
                "string",
                _(
                    "Situação da atividade (só no nível atividade): a do relatório aprovado "
                    "menos adiantado, ou “Sem relatório aprovado”."
                ),
            ),
        ),  # fmt: skip
        ("plano", "nivel", "codigo"),
        _progress,
    ),
    Resource(
        "rede_unidades",
        _("Unidades da rede de enfrentamento"),
        _(
            "O diretório público da rede: núcleos, postos, assistência social, acolhimento, justiça, polícias, "
            "saúde, postos consulares e organizações no exterior. Campos restritos (como o endereço de serviços de "
            "acolhimento) ficam vazios e são listados em “restrito”."
        ),  # fmt: skip
        (
            Field("codigo", "string", _("Código da unidade."), required=True),
            Field("nome", "string", _("Nome da unidade."), required=True),
            Field("tipo", "string", _("Tipo de unidade (código)."), required=True),
            Field("tipo_nome", "string", _("Tipo de unidade por extenso.")),
            Field("instituicao_sigla", "string", _("Sigla da instituição a que a unidade pertence.")),
            Field("instituicao_nome", "string", _("Nome da instituição.")),
            Field("servicos", "string", _("Serviços oferecidos (códigos alinhados ao HTCDS), separados por “;”.")),
            Field("municipio", "string", _("Município.")),
            Field("municipio_ibge", "integer", _("Código IBGE do município; vazio no exterior.")),
            Field("uf", "string", _("Sigla da UF.")),
            Field("pais", "string", _("País, para unidades no exterior.")),
            Field("pais_codigo", "string", _("Código ISO alfa-2 do país.")),
            Field("endereco", "string", _("Endereço; vazio se restrito.")),
            Field("latitude", "number", _("Latitude; vazia se restrita.")),
            Field("longitude", "number", _("Longitude; vazia se restrita.")),
            Field("telefone", "string", _("Telefone; vazio se restrito.")),
            Field("email", "string", _("E-mail; vazio se restrito.")),
            Field("sitio", "string", _("Sítio; vazio se restrito.")),
            Field("horario", "string", _("Horário de atendimento.")),
            Field("idiomas", "string", _("Idiomas de atendimento.")),
            Field("publico", "string", _("Público atendido.")),
            Field("verificado_em", "date", _("Data da última verificação (AAAA-MM-DD).")),
            Field("mantido_por", "string", _("Sigla da instituição que mantém o registro.")),
            Field("restrito", "string", _("Campos não divulgados desta unidade, separados por “;”.")),
        ),
        ("codigo",),
        _network_units,
    ),
)
BY_NAME = {resource.name: resource for resource in RESOURCES}


# ------------------------------------------------------------------ serialisation


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_csv(resource: Resource) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(resource.field_names)
    for row in resource.rows():
        writer.writerow([_csv_value(row[name]) for name in resource.field_names])
    return buffer.getvalue().encode("utf-8")


def to_json(resource: Resource) -> bytes:
    rows = [{name: _json_value(row[name]) for name in resource.field_names} for row in resource.rows()]
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def render(resource: Resource, fmt: str) -> bytes:
    return to_csv(resource) if fmt == "csv" else to_json(resource)


def datapackage() -> dict:
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": str(_("Dados abertos do IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas")),
        "description": str(
            _(
                "Estrutura dos planos publicados, responsabilidades, relatórios de progresso "
                "aprovados e progresso calculado. Cada recurso também está disponível em JSON, "
                "no mesmo endereço com a extensão .json."
            )
        ),  # fmt: skip
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "resources": [
            {
                "name": r.name,
                "path": f"{r.name}.csv",
                "profile": "tabular-data-resource",
                "title": str(r.title),
                "description": str(r.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": r.schema(),
            }
            for r in RESOURCES
        ],
    }


def datapackage_json() -> bytes:
    return json.dumps(datapackage(), ensure_ascii=False, indent=2).encode("utf-8")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", datapackage_json())
        for resource in RESOURCES:
            archive.writestr(f"{resource.name}.csv", to_csv(resource))
            archive.writestr(f"{resource.name}.json", to_json(resource))
    return buffer.getvalue()
