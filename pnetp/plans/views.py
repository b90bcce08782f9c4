"""Public pages of the plan. Visibility, counts and search live in queries.py; views only pick templates."""

from django.shortcuts import render

from pnetp.portal.services.pages import public_activities

from . import alignment, queries
from .models import Axis, Plan, PriorityAction


def home(request):
    return render(request, "plans/home.html", {"plan": queries.featured_plan(request.user)})


def plan_list(request):
    plans = queries.with_counts(queries.visible_plans(request.user)).order_by("-start_year", "title")
    return render(request, "plans/plan_list.html", {"plans": plans})


def plan_detail(request, plan):
    plan = queries.get_plan(request.user, plan)
    return render(request, "plans/plan_detail.html", {"plan": plan, "axes": queries.axes_with_counts(plan)})


def item_detail(request, plan, code):
    plan = queries.get_plan(request.user, plan)
    item = queries.get_item(plan, code)
    if isinstance(item, Axis):
        return render(request, "plans/axis.html", {"plan": plan, "axis": item})
    if isinstance(item, PriorityAction):
        return render(request, "plans/action.html", {"plan": plan, "action": item, "axis": item.axis})
    activity = item.activity
    context = {"plan": plan, "activity": activity, "action": activity.action, "axis": activity.action.axis}
    context["aligned"] = alignment.aligned_local_activities(activity, queries.can_see_drafts(request.user))
    # Who answers for it, its deadline, status, progress and approved reports: the portal's public view.
    if plan.status == Plan.Status.PUBLISHED:
        context["public"] = public_activities(plan).get(activity.code)
    return render(request, "plans/activity.html", {**context, "previous": item.previous, "next": item.next})


def search(request):
    query = request.GET.get("q", "")[: queries.MAX_QUERY_LENGTH]
    results = queries.search_activities(query, queries.visible_plans(request.user))
    return render(request, "plans/search.html", {"results": results, "search_query": results.query})
