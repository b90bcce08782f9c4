"""Shared fixtures of the monitoring page tests (test_web_*.py import them); no tests here.

``scene`` adds to the ``world`` of conftest.py: MJSP's reports in every state, an indicator and
evidence of each kind, so every page and action has something to act on.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pnetp.monitoring.models import Indicator, ProgressReport
from pnetp.monitoring.services import workflow

from .conftest import make_cycle

State = ProgressReport.State
ROLES = ["anonymous", "coord", "focal", "other_focal", "committee", "analyst"]


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf(name="ata.pdf", size=None):
    content = b"%PDF-1.4 evidencia de teste\n" if size is None else b"x" * size
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def user_for(world, role):
    """The user playing ``role`` in the tables: "focal" is MJSP, which owns the reports; MTE takes no part."""
    u = world.users
    return {
        "anonymous": None,
        "coord": u.coord,
        "focal": u.mjsp,
        "other_focal": u.mte,
        "committee": u.committee,
        "analyst": u.analyst,
    }[role]


def login(client, world, role):
    user = user_for(world, role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def scene(world, media):
    return build_scene(world)


def build_scene(world) -> SimpleNamespace:
    u, act, cycle = world.users, world.act, world.cycle
    # A second open cycle where MJSP has written nothing yet.
    next_cycle = make_cycle(world, "2025.2", date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 15))
    closed_cycle = make_cycle(world, "2024.2", date(2024, 7, 1), date(2024, 12, 31), date(2025, 1, 15))
    closed_cycle.state = closed_cycle.State.CLOSED
    closed_cycle.save()
    indicator = Indicator.objects.create(activity=act["1.1.1"], name="Pessoas capacitadas", unit="pessoas")

    draft = workflow.start_report(u.mjsp, act["1.1.1"], cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, draft, status=world.status["em-andamento"], percent_complete=30)
    private_file = workflow.add_evidence(u.mjsp, draft, title="Ata privada", file=pdf("ata.pdf"))
    link = workflow.add_evidence(u.mjsp, draft, title="Notícia", url="https://www.gov.br/noticia", is_public=True)

    submitted = workflow.start_report(u.mjsp, act["1.1.2"], cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, submitted, status=world.status["em-andamento"], narrative="Em curso.")
    public_pending = workflow.add_evidence(u.mjsp, submitted, title="Foto", file=pdf("foto.pdf"), is_public=True)
    workflow.submit_report(u.mjsp, submitted)

    approved = workflow.start_report(u.mjsp, act["1.2.1"], cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, approved, status=world.status["concluida"], percent_complete=100)
    public_approved = workflow.add_evidence(
        u.mjsp, approved, title="Cartilha", file=pdf("cartilha.pdf"), is_public=True
    )
    private_approved = workflow.add_evidence(u.mjsp, approved, title="Planilha interna", file=pdf("interna.pdf"))
    workflow.submit_report(u.mjsp, approved)
    workflow.approve_report(u.coord, approved)

    return SimpleNamespace(
        world=world,
        next_cycle=next_cycle,
        closed_cycle=closed_cycle,
        indicator=indicator,
        draft=draft,
        submitted=submitted,
        approved=approved,
        private_file=private_file,
        link=link,
        public_pending=public_pending,
        public_approved=public_approved,
        private_approved=private_approved,
        status=world.status["em-andamento"],
    )
