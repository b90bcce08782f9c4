"""Public pages: the flows drawn as accessible diagrams with the directory's units per UF; the coordination's
indicators and consent overrides (no person data)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.disclosure import legend
from pnetp.network.models import UnitKind
from pnetp.territory.models import FederativeUnit

from ... import indicators, selectors, stage_times
from ...diagram import flow_svg
from ...permissions import can_view_indicators


def flow_list(request):
    return render(request, "referrals/flow_list.html", {"flows": selectors.active_flows()})


def flow_detail(request, slug):
    flow = selectors.current_flow(slug)
    if flow is None:
        raise Http404(_("Fluxo não encontrado."))
    uf = request.GET.get("uf") or None
    ufs = list(FederativeUnit.objects.order_by("abbreviation").values_list("abbreviation", "name"))
    if uf and uf not in {code for code, _name in ufs}:
        uf = None
    stages = list(flow.stages.all())
    kinds = dict(UnitKind.choices)
    rows = [
        {"stage": row.stage, "kinds": [kinds.get(k, k) for k in row.stage.unit_kinds], "units": row.units_by_uf}
        for row in selectors.flow_units(flow, uf)
    ]
    public = indicators.public_table()
    context = {
        "flow": flow,
        "svg": flow_svg(stages),
        "rows": rows,
        "ufs": ufs,
        "uf": uf,
        "public_rows": public.display_grid()[1:],
        "legend": legend(public.k),
        "stage_times": stage_times.public_stage_times(flow_title=flow.title),
        "reference_date": timezone.localdate(),
    }
    return render(request, "referrals/flow_detail.html", context)


@login_required
def coordination(request):
    if not can_view_indicators(request.user):
        raise PermissionDenied(_("Os indicadores de encaminhamento são da coordenação."))
    uf = request.GET.get("uf") or None
    context = {
        "ind": indicators.compute(uf=uf),
        "stage_times": stage_times.stage_times(uf=uf),
        "reference_date": timezone.localdate(),
        "overrides": selectors.overrides(request.user)[:100],
        "uf": uf,
        "ufs": FederativeUnit.objects.order_by("abbreviation").values_list("abbreviation", flat=True),
    }
    return render(request, "referrals/coordination.html", context)
