"""Pages of the alignment of state and municipal plans to the national plan (rules in alignment.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pnetp.accounts.access import policy_required

from . import alignment, queries
from .models import ActivityAlignment


# Tile map of Brazil: (grid row, grid column) of each UF, roughly where it lies.
TILES = {
    "RR": (1, 3), "AP": (1, 4),
    "AM": (2, 2), "PA": (2, 3), "MA": (2, 4), "CE": (2, 5), "RN": (2, 6),
    "AC": (3, 1), "RO": (3, 2), "TO": (3, 3), "PI": (3, 4), "PE": (3, 5), "PB": (3, 6),
    "MT": (4, 2), "GO": (4, 3), "BA": (4, 4), "SE": (4, 5), "AL": (4, 6),
    "MS": (5, 2), "DF": (5, 3), "MG": (5, 4), "ES": (5, 5),
    "PR": (6, 2), "SP": (6, 3), "RJ": (6, 4),
    "SC": (7, 2),
    "RS": (8, 2),
}  # fmt: skip


class AlignmentForm(forms.Form):
    national_activity = forms.ChoiceField(label=gettext_lazy("Atividade nacional"))
    note = forms.CharField(
        label=gettext_lazy("Observação"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Opcional: como a atividade local contribui para a nacional."),
    )

    def __init__(self, national_activities, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = {a.code: a for a in national_activities}
        self.fields["national_activity"].choices = [("", _("Selecione uma atividade"))] + [
            (a.code, f"{a.code} – {Truncator(a.description).chars(90)}") for a in national_activities
        ]


def coverage(request):
    national_plan = queries.featured_plan(request.user)
    include_drafts = queries.can_see_drafts(request.user)
    data = alignment.coverage_by_uf(national_plan, include_drafts) if national_plan else None
    tiles = [(row, *TILES[row.uf]) for row in data.rows] if data else []
    context = {"coverage": data, "tiles": tiles, "include_drafts": include_drafts}
    return render(request, "plans/alignment/coverage.html", context)


def local_plan(request, plan):
    plan = alignment.get_local_plan(plan, queries.can_see_drafts(request.user))
    context = {"data": alignment.local_plan_alignment(plan), "can_edit": alignment.can_edit_alignment(request.user)}
    return render(request, "plans/alignment/local_plan.html", context)


def _local_activity(plan_slug: str, code: str):
    plan = alignment.get_local_plan(plan_slug, include_drafts=True)
    activity = plan.activities.filter(code=code).first()
    if activity is None:
        raise Http404("activity not found")
    activity.plan = plan
    return plan, activity


@policy_required(alignment.can_edit_alignment)
def edit(request, plan, code):
    plan, activity = _local_activity(plan, code)
    form = AlignmentForm(alignment.national_choices(plan), request.POST or None)
    if request.method == "POST" and form.is_valid():
        national = form.activities[form.cleaned_data["national_activity"]]
        try:
            _link, created = alignment.link_activities(request.user, activity, national, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error("national_activity", error)
        else:
            text = _("Atividade %(local)s alinhada à atividade nacional %(national)s.")
            if not created:
                text = _(
                    "A atividade %(local)s já estava alinhada à atividade nacional %(national)s; observação atualizada."
                )
            messages.success(request, text % {"local": activity.code, "national": national.code})
            return redirect("plans:alignment_edit", plan.slug, activity.code)
    links = activity.national_alignments.select_related("national_activity__plan").order_by(
        "national_activity__position"
    )
    context = {"plan": plan, "activity": activity, "form": form, "links": links}
    return render(request, "plans/alignment/edit.html", context)


@require_POST
@policy_required(alignment.can_edit_alignment)
def remove(request, plan, code, pk):
    plan, activity = _local_activity(plan, code)
    links = ActivityAlignment.objects.select_related("national_activity")
    link = get_object_or_404(links, pk=pk, local_activity=activity)
    alignment.unlink(request.user, link)
    text = _("Alinhamento da atividade %(local)s com a atividade nacional %(national)s removido.")
    messages.success(request, text % {"local": activity.code, "national": link.national_activity.code})
    return redirect("plans:alignment_edit", plan.slug, activity.code)
