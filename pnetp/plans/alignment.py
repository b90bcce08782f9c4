"""State and municipal plans aligned to the national plan: linking rules, read-side views, CSV import.

A local (state or municipal) plan is imported like any other plan, with ``--parent`` naming the
national plan, or a state plan whose own parent is the national plan. Each local activity may then be
linked to any number of activities of that national plan.

Who links: the national coordination only. Focal points belong to an institution, and nothing in the
data ties an institution to a local plan yet, so there is no safe way to scope their rights; the
editor stays with the coordination (the CSV import is an operator command, like ``import-plan``).
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from pnetp.accounts.permissions import is_coordination
from pnetp.core.text import clean_text, fold
from pnetp.institutions.models import UF_CHOICES

from .importing.codes import parse_code
from .importing.errors import Issues, PlanImportError
from .importing.reading import decode_text, read_source
from .models import Activity, ActivityAlignment, Axis, Plan, code_sort_key

LOCAL_KINDS = (Plan.Kind.STATE, Plan.Kind.MUNICIPAL)
UF_NAMES = dict(UF_CHOICES)
# The first two digits of an IBGE municipality code are its UF's IBGE code.
IBGE_UF = {
    "11": "RO", "12": "AC", "13": "AM", "14": "RR", "15": "PA", "16": "AP", "17": "TO",
    "21": "MA", "22": "PI", "23": "CE", "24": "RN", "25": "PB", "26": "PE", "27": "AL", "28": "SE", "29": "BA",
    "31": "MG", "32": "ES", "33": "RJ", "35": "SP", "41": "PR", "42": "SC", "43": "RS",
    "50": "MS", "51": "MT", "52": "GO", "53": "DF",
}  # fmt: skip
CSV_COLUMNS = ("atividade_local", "atividade_nacional", "observacao")


# --- Rules ---------------------------------------------------------------------------------------


def can_edit_alignment(user) -> bool:
    return is_coordination(user)


def plan_uf(plan: Plan) -> str | None:
    """UF of a state plan (its territory) or of a municipal plan (from the IBGE code)."""
    if plan.kind == Plan.Kind.STATE:
        return plan.territory.upper() if plan.territory.upper() in UF_NAMES else None
    if plan.kind == Plan.Kind.MUNICIPAL:
        return IBGE_UF.get(plan.territory[:2])
    return None


def national_root(plan: Plan) -> Plan | None:
    """The national plan a local plan aligns with, directly or through its state plan."""
    parent = plan.parent
    if parent is not None and parent.kind != Plan.Kind.NATIONAL:
        parent = parent.parent
    return parent if parent is not None and parent.kind == Plan.Kind.NATIONAL else None


def local_plans_of(national_plan: Plan, include_drafts: bool = False):
    """State and municipal plans aligned to ``national_plan``, directly or through a state plan."""
    plans = Plan.objects.filter(kind__in=LOCAL_KINDS).filter(
        Q(parent=national_plan) | Q(parent__parent=national_plan, parent__kind=Plan.Kind.STATE)
    )
    return plans if include_drafts else plans.filter(status=Plan.Status.PUBLISHED)


def validate_link(local: Activity, national: Activity) -> None:
    """Raise ValidationError (in Portuguese) unless ``local`` may be aligned to ``national``."""
    if local.pk == national.pk:
        raise ValidationError(_("Uma atividade não pode se alinhar a si mesma."))
    if local.plan.kind not in LOCAL_KINDS:
        raise ValidationError(
            _("A atividade %(code)s do plano “%(plan)s” não pertence a um plano estadual ou municipal.")
            % {"code": local.code, "plan": local.plan}
        )
    if national.plan.kind != Plan.Kind.NATIONAL:
        raise ValidationError(
            _("A atividade %(code)s do plano “%(plan)s” não pertence a um plano nacional.")
            % {"code": national.code, "plan": national.plan}
        )
    root = national_root(local.plan)
    if root is None or root.pk != national.plan_id:
        raise ValidationError(
            _("O plano “%(local)s” não tem o plano “%(national)s” como plano de referência.")
            % {"local": local.plan, "national": national.plan}
        )


def _save_link(local: Activity, national: Activity, note: str, user) -> tuple[ActivityAlignment, str]:
    """(alignment, "created" | "updated" | "unchanged"); a repeated link only refreshes its note."""
    note = clean_text(note)
    alignment = ActivityAlignment.objects.filter(local_activity=local, national_activity=national).first()
    if alignment is not None and alignment.note == note:
        return alignment, "unchanged"
    outcome = "updated" if alignment else "created"
    alignment = alignment or ActivityAlignment(local_activity=local, national_activity=national, created_by=user)
    alignment.note = note
    alignment._history_user = user
    alignment.save()
    return alignment, outcome


def link_activities(user, local: Activity, national: Activity, note: str = "") -> tuple[ActivityAlignment, bool]:
    """Align ``local`` to ``national``; returns (alignment, created). Linking twice is harmless."""
    if not can_edit_alignment(user):
        raise PermissionDenied
    validate_link(local, national)
    alignment, outcome = _save_link(local, national, note, user)
    return alignment, outcome == "created"


def unlink(user, alignment: ActivityAlignment) -> None:
    if not can_edit_alignment(user):
        raise PermissionDenied
    alignment._history_user = user
    alignment.delete()


# --- Reading -------------------------------------------------------------------------------------


def get_local_plan(slug: str, include_drafts: bool = False) -> Plan:
    plans = Plan.objects.filter(kind__in=LOCAL_KINDS).select_related("parent__parent")
    if not include_drafts:
        plans = plans.filter(status=Plan.Status.PUBLISHED)
    plan = plans.filter(slug=slug).first()
    if plan is None:
        raise Http404("local plan not found")
    return plan


def territory_label(plan: Plan) -> str:
    uf = plan_uf(plan)
    if plan.kind == Plan.Kind.STATE:
        return UF_NAMES.get(uf, plan.territory)
    return _("Município %(code)s (%(uf)s)") % {"code": plan.territory, "uf": uf or "?"}


@dataclass
class LocalActivityRow:
    activity: Activity
    alignments: list[ActivityAlignment]


@dataclass
class LocalPlanAlignment:
    plan: Plan
    national_plan: Plan | None
    rows: list[LocalActivityRow]
    covered: int  # distinct national activities this plan is aligned to
    national_total: int

    @property
    def territory(self) -> str:
        return territory_label(self.plan)


def local_plan_alignment(local_plan: Plan) -> LocalPlanAlignment:
    """Every activity of a local plan with the national activities it is aligned to (code order)."""
    links = defaultdict(list)
    alignments = ActivityAlignment.objects.filter(local_activity__plan=local_plan).select_related(
        "national_activity__plan"
    )
    for alignment in sorted(alignments, key=lambda a: code_sort_key(a.national_activity.code)):
        links[alignment.local_activity_id].append(alignment)
    activities = sorted(local_plan.activities.all(), key=lambda a: code_sort_key(a.code))
    for activity in activities:
        activity.plan = local_plan  # saves a query per get_absolute_url
    root = national_root(local_plan)
    covered = {a.national_activity_id for group in links.values() for a in group}
    total = root.activities.count() if root else 0
    rows = [LocalActivityRow(activity, links[activity.pk]) for activity in activities]
    return LocalPlanAlignment(local_plan, root, rows, len(covered), total)


def national_choices(local_plan: Plan) -> list[Activity]:
    """Activities of the local plan's national plan, in code order, for the editor's select."""
    root = national_root(local_plan)
    return sorted(root.activities.all(), key=lambda a: code_sort_key(a.code)) if root else []


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class AxisCoverage:
    axis: Axis
    covered: int
    total: int

    @property
    def percent(self) -> Decimal:
        return _percent(self.covered, self.total)


@dataclass
class UFCoverage:
    uf: str
    name: str
    state_plan: Plan | None
    plans: list[Plan]
    covered: int
    total: int
    axes: list[AxisCoverage] = field(default_factory=list)

    @property
    def percent(self) -> Decimal:
        return _percent(self.covered, self.total)

    @property
    def municipal_plans(self) -> list[Plan]:
        return [plan for plan in self.plans if plan.kind == Plan.Kind.MUNICIPAL]


@dataclass
class Coverage:
    national_plan: Plan
    total: int
    axes: list[Axis]
    rows: list[UFCoverage]
    covered: int  # national activities covered by at least one UF

    @property
    def percent(self) -> Decimal:
        return _percent(self.covered, self.total)

    @property
    def states_with_plan(self) -> int:
        return sum(1 for row in self.rows if row.state_plan is not None)


def coverage_by_uf(national_plan: Plan, include_drafts: bool = False) -> Coverage:
    """For each of the 27 UFs: its state plan, its local plans, and how many national activities they cover.

    An activity counts as covered by a UF when at least one activity of a state or municipal plan of that
    UF is aligned to it. Draft local plans count only with ``include_drafts`` (the coordination's view).
    """
    plans_by_uf: dict[str, list[Plan]] = defaultdict(list)
    uf_of_plan = {}
    for plan in local_plans_of(national_plan, include_drafts).order_by("-start_year", "title"):
        uf = plan_uf(plan)
        if uf:
            plans_by_uf[uf].append(plan)
            uf_of_plan[plan.pk] = uf
    axis_of = dict(Activity.objects.filter(plan=national_plan).values_list("pk", "action__axis_id"))
    axes = list(national_plan.axes.order_by("position", "pk"))
    axis_totals = defaultdict(int)
    for axis_id in axis_of.values():
        axis_totals[axis_id] += 1
    covered_by_uf: dict[str, set[int]] = defaultdict(set)
    pairs = ActivityAlignment.objects.filter(
        national_activity__plan=national_plan, local_activity__plan_id__in=list(uf_of_plan)
    ).values_list("local_activity__plan_id", "national_activity_id")
    for plan_id, activity_id in pairs:
        covered_by_uf[uf_of_plan[plan_id]].add(activity_id)
    rows = []
    for uf, name in UF_CHOICES:
        covered = covered_by_uf[uf]
        per_axis = defaultdict(int)
        for activity_id in covered:
            per_axis[axis_of[activity_id]] += 1
        state_plans = [p for p in plans_by_uf[uf] if p.kind == Plan.Kind.STATE]
        rows.append(
            UFCoverage(
                uf=uf,
                name=name,
                state_plan=state_plans[0] if state_plans else None,
                plans=plans_by_uf[uf],
                covered=len(covered),
                total=len(axis_of),
                axes=[AxisCoverage(axis, per_axis[axis.pk], axis_totals[axis.pk]) for axis in axes],
            )
        )
    covered_anywhere = set().union(*covered_by_uf.values()) if covered_by_uf else set()
    return Coverage(national_plan, len(axis_of), axes, rows, len(covered_anywhere))


# --- CSV import ----------------------------------------------------------------------------------


@dataclass
class AlignmentImportResult:
    plan: Plan
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        text = _(
            "Alinhamentos do plano %(plan)s: %(created)d criados, %(updated)d atualizados, %(unchanged)d inalterados"
        ) % {"plan": self.plan.slug, "created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        return _("Simulação, nada foi gravado. %(text)s") % {"text": text} if self.dry_run else text


def _csv_rows(text: str):
    first_line = text.lstrip().partition("\n")[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        yield line, [clean_text(cell) for cell in cells]
        line = reader.line_num + 1  # a quoted cell may span several lines


def _read_alignment_rows(source, issues: Issues) -> list[tuple[int, str, str, str]]:
    """(line, local code, national code, note) for every data row; problems go to ``issues``."""
    text = decode_text(source)
    try:
        rows = [(line, cells) for line, cells in _csv_rows(text) if any(cells)]
    except csv.Error as error:
        issues.add(_("CSV malformado (%(reason)s)") % {"reason": error})
        return []
    if not rows:
        issues.add(_("arquivo sem dados (esperado o cabeçalho %(expected)s)") % {"expected": ", ".join(CSV_COLUMNS)})
        return []
    header_line, header = rows[0]
    names = [fold(cell).replace(" ", "_") for cell in header]
    missing = [name for name in CSV_COLUMNS[:2] if name not in names]
    if missing:
        issues.add(
            _("cabeçalho sem as colunas %(missing)s (esperado %(expected)s)")
            % {"missing": ", ".join(missing), "expected": ", ".join(CSV_COLUMNS)},
            header_line,
        )
        return []
    index = {name: names.index(name) for name in CSV_COLUMNS if name in names}

    def cell(cells, name):
        position = index.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    return [(line, cell(c, CSV_COLUMNS[0]), cell(c, CSV_COLUMNS[1]), cell(c, CSV_COLUMNS[2])) for line, c in rows[1:]]


def import_alignment_csv(
    path, plan_slug: str, *, user=None, dry_run: bool = False, name: str | None = None
) -> AlignmentImportResult:
    """All or nothing: every line is checked first; any error raises PlanImportError listing them all.

    Pairs already linked are left as they are (their note is refreshed), so importing twice changes
    nothing; links missing from the file are kept.
    """
    plan = Plan.objects.select_related("parent__parent").filter(slug=plan_slug).first()
    if plan is None:
        raise PlanImportError(_("plano “%(slug)s” não encontrado") % {"slug": plan_slug})
    root = national_root(plan)
    if plan.kind not in LOCAL_KINDS or root is None:
        raise PlanImportError(
            _("o plano “%(slug)s” não é um plano estadual ou municipal com um plano nacional de referência")
            % {"slug": plan_slug}
        )
    source = read_source(path, name)
    issues = Issues(source.name)
    rows = _read_alignment_rows(source, issues)
    local = {a.code: a for a in plan.activities.all()}
    national = {a.code: a for a in root.activities.all()}
    for activity in (*local.values(), *national.values()):
        activity.plan = plan if activity.plan_id == plan.pk else root
    seen: dict[tuple[str, str], int] = {}
    pairs = []
    for line, local_raw, national_raw, note in rows:
        pair = _check_row(line, local_raw, national_raw, local, national, plan, root, issues)
        if pair is None:
            continue
        if pair in seen:
            issues.add(_("par repetido (já informado na linha %(first)d)") % {"first": seen[pair]}, line)
            continue
        seen[pair] = line
        pairs.append((local[pair[0]], national[pair[1]], note))
    issues.raise_if_any()
    result = AlignmentImportResult(plan, dry_run=dry_run)
    with transaction.atomic():
        for local_activity, national_activity, note in pairs:
            outcome = _save_link(local_activity, national_activity, note, user)[1]
            setattr(result, outcome, getattr(result, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _check_row(line, local_raw, national_raw, local, national, plan, root, issues) -> tuple[str, str] | None:
    codes = []
    for column, raw, known, owner in (
        (CSV_COLUMNS[0], local_raw, local, plan),
        (CSV_COLUMNS[1], national_raw, national, root),
    ):
        code = parse_code(raw, 3)
        if code is None:
            issues.add(_("código inválido “%(code)s” (esperado N.N.N)") % {"code": raw}, line, column)
        elif code not in known:
            issues.add(
                _("atividade %(code)s não existe no plano “%(plan)s”") % {"code": code, "plan": owner.slug},
                line,
                column,
            )
        else:
            codes.append(code)
    return tuple(codes) if len(codes) == 2 else None
