"""Term-ending reminders: the secretariat gets one at 60 days and one at 15 days per seat, never twice, with a
link to the committee page and no person's name; the worker runs the job periodically."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils.module_loading import import_string

from pnetp.network.models import Segment, TermReminder
from pnetp.network.services.committees import seat_end, seat_update
from pnetp.network.services.term_reminders import send_term_reminders
from pnetp.notifications.models import Kind, Notification

from .committees_data import TERM_END, build_conatrap

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture
def conatrap(db):
    world = build_conatrap()
    for name in ("secretariat", "executive", "member", "coord"):
        world.users[name].email = f"{name}@example.org"
        world.users[name].save()
    # one civil-society seat ends earlier than the others
    world.early = next(s for s in world.seats if s.segment == Segment.CIVIL_SOCIETY)
    seat_update(world.users["coord"], world.early, data={"term_end": TERM_END - 100 * DAY})
    return world


def test_sixty_then_fifteen_days_once_each(conatrap, django_capture_on_commit_callbacks):
    early_end = TERM_END - 100 * DAY
    assert send_term_reminders(early_end - 61 * DAY) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_term_reminders(early_end - 60 * DAY) == 2  # the secretariat's focal point and the executive
        assert send_term_reminders(early_end - 60 * DAY) == 0
        assert send_term_reminders(early_end - 30 * DAY) == 0
        assert send_term_reminders(early_end - 15 * DAY) == 2
        assert send_term_reminders(early_end - 14 * DAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["executive@example.org", "executive@example.org",
                                                     "secretariat@example.org", "secretariat@example.org"]  # fmt: skip
    assert list(TermReminder.objects.order_by("pk").values_list("seat_id", "days")) == [
        (conatrap.early.pk, 60),
        (conatrap.early.pk, 15),
    ]
    message = mail.outbox[0]
    assert "CONATRAP" in message.subject and early_end.strftime("%d/%m/%Y") in message.subject
    assert "/rede/comites/conatrap/" in message.body
    assert "sociedade civil" in message.body and conatrap.early.institution.acronym in message.body
    for text in [m.subject + m.body for m in mail.outbox] + list(Notification.objects.values_list("body", flat=True)):
        assert "Pessoa Fictícia" not in text and conatrap.early.person_name not in text
    assert set(Notification.objects.values_list("kind", flat=True)) == {Kind.TERM_ENDING}


def test_first_seen_inside_fifteen_days_sends_one_reminder(conatrap):
    assert send_term_reminders(TERM_END - 100 * DAY - 10 * DAY) == 2
    assert sorted(TermReminder.objects.values_list("days", flat=True)) == [15, 60]
    assert send_term_reminders(TERM_END - 100 * DAY - 5 * DAY) == 0


def test_ended_seats_and_extended_terms(conatrap):
    early_end = TERM_END - 100 * DAY
    seat_end(conatrap.users["coord"], conatrap.early, end_date=early_end - 70 * DAY, reason="Renúncia")
    assert send_term_reminders(early_end - 60 * DAY) == 0  # the member already left
    assert send_term_reminders(TERM_END - 60 * DAY) == 15 * 2  # the 15 other seats
    seat_update(conatrap.users["coord"], conatrap.seats[0], data={"term_end": TERM_END + 365 * DAY})
    assert send_term_reminders(TERM_END + 305 * DAY) == 2  # a new term end is reminded again


def test_the_worker_runs_the_job_periodically(conatrap, settings):
    assert dict(settings.PNETP_WORKER_PERIODIC)["pnetp.network.tasks.send_term_reminders_job"] <= 86400
    job = import_string("pnetp.network.tasks.send_term_reminders_job")
    assert job.enqueue().return_value == 0  # today nothing ends within 60 days
