"""Public pages of the plan. Visibility, counts and search live in queries.py; views only pick templates."""

from django.shortcuts import render

from . import queries
from .models import Axis, PriorityAction


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
    # The aligned local activities and the portal's public view (who answers, deadline, status, reports) come
    # from monitoring and the portal, above plans: the template asks their tags (``progress``).
    context["include_drafts"] = queries.can_see_drafts(request.user)
    return render(request, "plans/activity.html", {**context, "previous": item.previous, "next": item.next})


def search(request):
    query = request.GET.get("q", "")[: queries.MAX_QUERY_LENGTH]
    results = queries.search_activities(query, queries.visible_plans(request.user))
    return render(request, "plans/search.html", {"results": results, "search_query": results.query})
