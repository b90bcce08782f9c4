"""Read-side business functions for the public pages: who sees which plan, counts, item look-up, search.

Views stay thin and templates receive ready-made objects; every function here runs a fixed, small number
of queries whatever the size of the plan (counts are annotated, children are prefetched).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from pnetp.accounts.permissions import can_view_draft_plans
from pnetp.core.text import fold

from .models import Activity, Axis, Plan, PriorityAction, code_sort_key

# Long queries are cut: nobody types more, and each word adds a LIKE condition.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Words are letters/digits, keeping inner dots and hyphens so "1.1.3" and "ex-vítima" stay whole.
_TERM = re.compile(r"\w[\w.-]*")


def can_see_drafts(user) -> bool:
    # One rule for pages, API and alignment: the policy in accounts.permissions.
    return can_view_draft_plans(user)


def visible_plans(user) -> QuerySet[Plan]:
    plans = Plan.objects.all()
    if not can_see_drafts(user):
        plans = plans.filter(status=Plan.Status.PUBLISHED)
    return plans


def _count_in_plan(model) -> Coalesce:
    rows = model.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Adds axis_count, action_count and activity_count (subqueries: no join fan-out)."""
    return plans.annotate(
        axis_count=_count_in_plan(Axis),
        action_count=_count_in_plan(PriorityAction),
        activity_count=_count_in_plan(Activity),
    )


def featured_plan(user) -> Plan | None:
    """The published national plan shown on the home page (the most recent one)."""
    plans = visible_plans(user).filter(status=Plan.Status.PUBLISHED, kind=Plan.Kind.NATIONAL)
    return with_counts(plans).order_by("-start_year", "pk").first()


def get_plan(user, slug: str) -> Plan:
    """The plan with its counts, or 404 when it does not exist or the user may not see it."""
    plan = with_counts(visible_plans(user)).filter(slug=slug).first()
    if plan is None:
        raise Http404("plan not found")
    return plan


def axes_with_counts(plan: Plan) -> QuerySet[Axis]:
    # Axis → actions → activities is a tree, so counting activities through the join needs no DISTINCT.
    return plan.axes.annotate(
        action_count=Count("actions", distinct=True), activity_count=Count("actions__activities")
    ).order_by("position", "pk")


def _activities() -> Prefetch:
    return Prefetch("activities", queryset=Activity.objects.order_by("position", "pk"))


@dataclass
class ItemLink:
    code: str
    label: str
    url: str


@dataclass
class ActivityContext:
    activity: Activity
    previous: ItemLink | None
    next: ItemLink | None


def get_item(plan: Plan, code: str) -> Axis | PriorityAction | ActivityContext:
    """The axis ("1"), priority action ("1.1") or activity ("1.1.3") with that code; the depth decides."""
    depth = code.count(".") + 1
    if depth == 1:
        actions = PriorityAction.objects.order_by("position", "pk").prefetch_related(_activities())
        item = plan.axes.prefetch_related(Prefetch("actions", queryset=actions)).filter(code=code).first()
    elif depth == 2:
        item = plan.actions.select_related("axis").prefetch_related(_activities()).filter(code=code).first()
    else:
        item = plan.activities.select_related("action__axis").filter(code=code).first()
    if item is None:
        raise Http404("item not found")
    item.plan = plan  # already loaded: saves a query per get_absolute_url
    if depth < 3:
        return item
    item.action.plan = item.action.axis.plan = plan
    return ActivityContext(item, *_neighbours(item))


def _neighbours(activity: Activity) -> tuple[ItemLink | None, ItemLink | None]:
    """Previous and next activity in the plan, in official code order (1.1.9 before 1.1.10)."""
    rows = sorted(
        Activity.objects.filter(plan_id=activity.plan_id).values_list("code", "description"),
        key=lambda row: code_sort_key(row[0]),
    )
    index = next(i for i, (code, _) in enumerate(rows) if code == activity.code)

    def link(i: int) -> ItemLink | None:
        if not 0 <= i < len(rows):
            return None
        code, description = rows[i]
        return ItemLink(code, description, reverse("plans:item", args=[activity.plan.slug, code]))

    return link(index - 1), link(index + 1)


def search_terms(query: str) -> list[str]:
    """Folded, de-duplicated words of the query (accents, case and punctuation ignored)."""
    terms: list[str] = []
    for match in _TERM.finditer(fold(query[:MAX_QUERY_LENGTH])):
        term = match.group().rstrip(".-")
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


@dataclass
class SearchGroup:
    axis: Axis
    activities: list[Activity] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    groups: list[SearchGroup]
    count: int


def search_activities(query: str, plans: QuerySet[Plan]) -> SearchResults:
    """Activities whose folded text contains every word of the query, grouped by axis in code order.

    ``search_text`` is already folded, so a plain ``contains`` gives the same answer on SQLite and
    PostgreSQL (Django escapes % and _ in the term).
    """
    query = query.strip()
    terms = search_terms(query)
    if not terms:
        return SearchResults(query, [], [], 0)
    activities = Activity.objects.filter(plan__in=plans).select_related("plan", "action__axis")
    for term in terms:
        activities = activities.filter(search_text__contains=term)
    found = sorted(activities, key=lambda a: (-a.plan.start_year, a.plan.title, a.plan_id, code_sort_key(a.code)))
    groups: list[SearchGroup] = []
    for activity in found:
        activity.action.plan = activity.action.axis.plan = activity.plan
        if not groups or groups[-1].axis.pk != activity.action.axis_id:
            groups.append(SearchGroup(activity.action.axis))
        groups[-1].activities.append(activity)
    return SearchResults(query, terms, groups, len(found))
