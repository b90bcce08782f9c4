"""Every monitoring page and action × every role → the expected answer; refused POSTs change nothing.

Outcomes: OK (200), LOGIN (302 to the login page), DENIED (403), MISSING (404), NOT_ALLOWED (405,
a POST-only URL opened with GET) and DONE (302 elsewhere: the action ran, or a role's start page).
Roles: see ``user_for`` in test_web_fixtures.py ("focal" owns the reports, "other_focal" takes no part).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import override_settings
from django.urls import reverse

from pnetp.core.tests.shared_data import fresh, shared
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import (
    Evidence,
    Indicator,
    IndicatorValue,
    MonitoringCycle,
    ProgressReport,
    ReportComment,
    Responsibility,
    StatusOption,
)

from .conftest import build_world
from .test_web_fixtures import ROLES, build_scene, login

OK, LOGIN, DENIED, MISSING, NOT_ALLOWED, DONE = "200", "login", "403", "404", "405", "done"


def _build(folder):
    # Built once for the ~300 cells (each still runs in its own rolled-back transaction); uploads go to
    # the module's folder, which every cell then reads as its MEDIA_ROOT.
    with override_settings(MEDIA_ROOT=folder / "media"):
        scene = build_scene(build_world())
    scene.media_root = folder / "media"
    return scene


shared_scene = shared(_build)


@pytest.fixture
def scene(shared_scene, db, settings):
    settings.MEDIA_ROOT = shared_scene.media_root
    return fresh(shared_scene)


def only(allowed: dict, default: str = DENIED) -> dict:
    """Expected outcome per role: ``allowed`` for the roles named, ``default`` for the other signed-in ones."""
    return {"anonymous": LOGIN, **{role: default for role in ROLES[1:]}, **allowed}


COORD_ONLY = only({"coord": OK})
OWNER_AND_COORD = only({"coord": OK, "focal": OK})
READERS = only({"coord": OK, "committee": OK, "analyst": OK})


class url:  # noqa: N801 (reads like a function in the table)
    """A URL name and its arguments; callables among them receive the scene."""

    def __init__(self, name: str, *args):
        self.name, self.args = name, args

    def __call__(self, s) -> str:
        return reverse(f"monitoring_web:{self.name}", args=[a(s) if callable(a) else a for a in self.args])


@dataclass
class Case:
    name: str
    url: url
    expect: dict
    method: str = "get"
    data: Callable = field(default=lambda s: {})


def report_form_url(code, cycle=lambda s: s.world.cycle.pk):
    return url("report_form", "teste", code, cycle)


def responsibility_data(s):
    return {"lead_institutions": [s.world.inst["MTE"].pk], "weight": "2", "deliverable": "Nova entrega"}


def indicator_data(s):
    return {"name": "Municípios atendidos", "direction": "increase", "frequency": "annual"}


def status_data(s):
    return {"label": "Suspensa", "default_percent": "10", "order": "70", "active": "on"}


def cycle_data(s):
    return {
        "plan": s.world.plan.pk, "name": "2026.1", "period_start": "2026-01-01",
        "period_end": "2026-06-30", "reporting_deadline": "2026-07-15",
    }  # fmt: skip


CASES = [
    # Pages (GET)
    Case("home", url("home"), only({r: DONE for r in ROLES[1:]})),
    Case("my activities", url("my_activities"), only({"focal": OK, "other_focal": OK})),
    Case("report form, new", report_form_url("1.2.1"), only({"focal": DONE})),  # approved: sent to the report
    Case("report form, draft", report_form_url("1.1.1"), only({"focal": OK})),
    Case("report form, not a participant", report_form_url("2.1.1"), only({})),
    Case("report form, unknown activity", report_form_url("9.9.9"), only({}, MISSING)),
    Case("report, draft", url("report", lambda s: s.draft.pk), OWNER_AND_COORD),
    Case("report, approved", url("report", lambda s: s.approved.pk), OWNER_AND_COORD),
    Case("report, unknown", url("report", 999999), only({}, MISSING)),
    Case("return form", url("report_return", lambda s: s.submitted.pk), COORD_ONLY),
    Case("approve confirmation", url("report_approve", lambda s: s.submitted.pk), COORD_ONLY),
    Case("evidence form", url("evidence_add", lambda s: s.draft.pk), only({"focal": OK})),
    Case("submit by GET", url("report_submit", lambda s: s.draft.pk), only({}, NOT_ALLOWED)),
    Case("comment by GET", url("report_comment", lambda s: s.draft.pk), only({}, NOT_ALLOWED)),
    Case("remove evidence by GET", url("evidence_remove", lambda s: s.link.pk), only({}, NOT_ALLOWED)),
    Case("private file", url("evidence_file", lambda s: s.private_file.pk), OWNER_AND_COORD),
    Case("public file, report not approved", url("evidence_file", lambda s: s.public_pending.pk), OWNER_AND_COORD),
    Case("public file, report approved", url("evidence_file", lambda s: s.public_approved.pk), {r: OK for r in ROLES}),
    Case("private file, report approved", url("evidence_file", lambda s: s.private_approved.pk), OWNER_AND_COORD),
    Case(
        "link evidence has no file",
        url("evidence_file", lambda s: s.link.pk),
        only({"coord": MISSING, "focal": MISSING}),
    ),
    Case("review queue", url("review_queue"), COORD_ONLY),
    Case("cycles", url("cycles"), READERS),
    Case("cycle", url("cycle", lambda s: s.world.cycle.pk), READERS),
    Case("cycle report", url("cycle_report", lambda s: s.world.cycle.pk, "xlsx"), READERS),
    Case("new cycle", url("cycle_create"), COORD_ONLY),
    Case("close cycle confirmation", url("cycle_close", lambda s: s.world.cycle.pk), COORD_ONLY),
    Case("activities", url("activities"), COORD_ONLY),
    Case("responsibility", url("responsibility", "teste", "1.1.1"), COORD_ONLY),
    Case("new indicator", url("indicator_create", "teste", "1.1.1"), COORD_ONLY),
    Case("edit indicator", url("indicator_edit", "teste", "1.1.1", lambda s: s.indicator.pk), COORD_ONLY),
    Case("statuses", url("statuses"), COORD_ONLY),
    Case("new status", url("status_create"), COORD_ONLY),
    Case("edit status", url("status_edit", lambda s: s.status.pk), COORD_ONLY),
    # Actions (POST)
    Case(
        "save report",
        report_form_url("1.1.1"),
        only({"focal": DONE}),
        "post",
        lambda s: {"status": s.status.pk, "percent_complete": "55", f"value_{s.indicator.pk}": "12,5"},
    ),
    Case(
        "start report",
        report_form_url("1.1.1", lambda s: s.next_cycle.pk),
        only({"focal": DONE}),
        "post",
        lambda s: {"narrative": "x"},
    ),
    Case("submit", url("report_submit", lambda s: s.draft.pk), only({"focal": DONE}), "post"),
    Case(
        "return",
        url("report_return", lambda s: s.submitted.pk),
        only({"coord": DONE}),
        "post",
        lambda s: {"reason": "Faltam dados."},
    ),
    Case("approve", url("report_approve", lambda s: s.submitted.pk), only({"coord": DONE}), "post"),
    Case(
        "comment",
        url("report_comment", lambda s: s.draft.pk),
        only({"coord": DONE, "focal": DONE}),
        "post",
        lambda s: {"text": "Olá"},
    ),
    Case(
        "add evidence",
        url("evidence_add", lambda s: s.draft.pk),
        only({"focal": DONE}),
        "post",
        lambda s: {"title": "Site", "url": "https://www.gov.br/x"},
    ),
    Case("remove evidence", url("evidence_remove", lambda s: s.link.pk), only({"focal": DONE}), "post"),
    Case("open cycle", url("cycle_create"), only({"coord": DONE}), "post", cycle_data),
    Case("close cycle", url("cycle_close", lambda s: s.world.cycle.pk), only({"coord": DONE}), "post"),
    Case("reopen cycle", url("cycle_reopen", lambda s: s.closed_cycle.pk), only({"coord": DONE}), "post"),
    Case(
        "save responsibility",
        url("responsibility", "teste", "1.1.1"),
        only({"coord": DONE}),
        "post",
        responsibility_data,
    ),
    Case("add indicator", url("indicator_create", "teste", "1.1.1"), only({"coord": DONE}), "post", indicator_data),
    Case(
        "edit indicator",
        url("indicator_edit", "teste", "1.1.1", lambda s: s.indicator.pk),
        only({"coord": DONE}),
        "post",
        indicator_data,
    ),
    Case("add status", url("status_create"), only({"coord": DONE}), "post", status_data),
    Case("edit status", url("status_edit", lambda s: s.status.pk), only({"coord": DONE}), "post", status_data),
]


def snapshot() -> dict:
    """Everything the monitoring pages can change."""
    through = [Responsibility.lead_institutions.through, Responsibility.partner_institutions.through]
    models = [ProgressReport, Evidence, ReportComment, IndicatorValue, Indicator, MonitoringCycle, StatusOption]
    rows = {model.__name__: sorted(model.objects.values_list(), key=str) for model in models + through}
    rows["Responsibility"] = sorted(Responsibility.objects.values_list(), key=str)
    rows["Institution"] = sorted(Institution.objects.values_list(), key=str)
    return rows


def check(response, expected: str) -> None:
    login_url = resolve_url(settings.LOGIN_URL)
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(f"{login_url}?next=")
    elif expected == DONE:
        assert response.status_code == 302 and not response.url.startswith(login_url)
    else:
        assert response.status_code == int(expected)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.name}")
def test_access(client, scene, case, role):
    login(client, scene.world, role)
    expected = case.expect[role]
    before = snapshot()

    response = getattr(client, case.method)(case.url(scene), case.data(scene))

    check(response, expected)
    changed = snapshot() != before
    if case.method == "post":
        # An action that ran changed something; a refused one changed nothing at all.
        assert changed == (expected == DONE)
    else:
        assert not changed


def test_every_url_is_in_the_table():
    from pnetp.monitoring.web.urls import urlpatterns

    assert {case.url.name for case in CASES} == {pattern.name for pattern in urlpatterns}
