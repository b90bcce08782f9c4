"""Time in each flow stage per month (median, 90th percentile), exact for the coordination, protected by
pnetp.disclosure on the public flow page. Durations set by moving the clock; fictitious people."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pnetp.referrals import stage_times
from pnetp.referrals.selectors import current_flow
from pnetp.referrals.services.atendimentos import advance_stage, close_atendimento

from .conftest import open_case

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = T0

        def at(self, days):
            self.now = T0 + timedelta(days=days)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


@pytest.fixture
def stays(world, clock):
    """Stage 1 of "tráfico de pessoas": 2, 4 and 5 days ending in March (5: closed), 30 days ending in April;
    stage 2: 10 days ending in March; one atendimento still in stage 1 (not counted)."""
    flow = current_flow("trafico-de-pessoas")
    netp = world.users["netp"]
    clock.at(0)
    a, b, c, d, e = (open_case(world, flow=flow) for _ in range(5))
    clock.at(2)
    a = advance_stage(netp, a)
    clock.at(4)
    advance_stage(netp, b)
    clock.at(5)
    close_atendimento(netp, e, reason="returned")
    clock.at(12)
    advance_stage(netp, a)
    clock.at(30)
    advance_stage(netp, c)
    return flow, d


def _row(rows, order, month):
    return next(r for r in rows if r.stage_order == order and r.month.month == month)


def test_median_and_90th_percentile_per_stage_and_month(stays):
    flow, _open = stays
    rows = stage_times.stage_times()
    march = _row(rows, 1, 3)
    assert (march.flow, march.stays, march.median_days, march.p90_days) == (flow.title, 3, 4.0, 4.8)
    assert _row(rows, 1, 4).stays == 1 and _row(rows, 1, 4).median_days == 30.0
    second = _row(rows, 2, 3)
    assert (second.stays, second.median_days, second.p90_days) == (1, 10.0, 10.0)
    stage1 = flow.stages.get(order=1)
    assert _row(rows, 1, 4).over_deadline == (1 if stage1.deadline_days and stage1.deadline_days < 30 else 0)
    assert sum(r.stays for r in rows) == 5  # the atendimento still in stage 1 has no finished stay
    assert stage_times.stage_times(uf="RJ") == []


def test_public_figures_never_describe_1_to_k_minus_1_stays(stays):
    rows = stage_times.public_stage_times(k=3)
    assert (_row(rows, 1, 3).stays, _row(rows, 1, 3).median_days) == (3, 4.0)
    for small in (_row(rows, 1, 4), _row(rows, 2, 3)):
        assert (small.stays, small.median_days, small.p90_days) == (None, None, None)
    assert {r.over_deadline for r in rows} == {None}  # a part of the stays: never public


def test_pages_show_them(client, world, stays, settings):
    flow, _open = stays
    client.force_login(world.users["coord"])
    page = client.get(reverse("referrals:coordination")).content.decode()
    assert "Tempo em cada etapa, por mês" in page and "03/2026" in page and "4,8" in page
    client.logout()
    settings.PNETP_DISCLOSURE_K = 3
    public = client.get(reverse("referrals:flow", args=[flow.slug])).content.decode()
    assert "4,8" in public and "30,0" not in public and "10,0" not in public
