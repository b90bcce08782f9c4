"""Meetings: quorum by segment from attendance, minutes draft → approved, decisions on the activity page and
beside its progress reports, the convocation e-mail with its .ics, the iCal feed, the yearly indicators."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.monitoring.tests.conftest import build_world, make_report
from pnetp.network.meeting_selectors import expected_calendar, quorum, year_indicators
from pnetp.network.models import AttendanceStatus, DecisionStatus, MeetingKind, MinutesStatus, SeatRole, Segment
from pnetp.network.services.committees import seat_fill
from pnetp.network.services.meetings import (
    attendance_record,
    decision_record,
    meeting_convoke,
    meeting_schedule,
    minutes_approve,
    minutes_save_draft,
)
from pnetp.plans.models import Plan

from .committees_data import TODAY, build_conatrap

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("America/Sao_Paulo")


@pytest.fixture
def conatrap(db):
    return build_conatrap()


def _meeting(conatrap, number=1, days=-30, kind=MeetingKind.ORDINARY):
    start = datetime.combine(TODAY + timedelta(days=days), datetime.min.time(), TZ).replace(hour=14)
    data = {"kind": kind, "number": number, "starts_at": start, "location": "Brasília e videoconferência"}
    return meeting_schedule(conatrap.users["secretariat"], conatrap.committee, data=data)


def test_quorum_by_segment(conatrap):
    meeting = _meeting(conatrap)
    gov = [s for s in conatrap.seats if s.segment == Segment.GOVERNMENT]
    civil = [s for s in conatrap.seats if s.segment == Segment.CIVIL_SOCIETY]
    alternate = seat_fill(conatrap.users["coord"], conatrap.committee, data={
        "segment": Segment.CIVIL_SOCIETY, "role": SeatRole.ALTERNATE, "institution": civil[7].institution,
        "position": "membro", "term_start": TODAY - timedelta(days=100),
    })  # fmt: skip
    statuses = {s.pk: (AttendanceStatus.HOLDER_PRESENT, "") for s in gov[:5]}
    statuses |= {s.pk: (AttendanceStatus.ABSENT_JUSTIFIED, "Agenda") for s in gov[5:]}
    statuses |= {s.pk: (AttendanceStatus.HOLDER_PRESENT, "") for s in civil[:3]}
    statuses |= {s.pk: (AttendanceStatus.ABSENT, "") for s in civil[3:]}
    statuses[alternate.pk] = (AttendanceStatus.ALTERNATE_IN_PLACE, "")  # covers civil[7]
    attendance_record(conatrap.users["secretariat"], meeting, statuses=statuses)
    result = quorum(meeting)
    assert [(s.label, s.present, s.seats) for s in result.segments] == [("Governo", 5, 8), ("Sociedade civil", 4, 8)]
    assert (result.present, result.seats, result.met) == (9, 16, True)  # more than 50%
    statuses[civil[0].pk] = (AttendanceStatus.ABSENT, "")
    attendance_record(conatrap.users["secretariat"], meeting, statuses=statuses)
    assert (quorum(meeting).present, quorum(meeting).met) == (8, False)  # exactly half is not a quorum
    meeting.refresh_from_db()
    assert meeting.held


def test_minutes_draft_then_approved_at_a_later_meeting(conatrap, client):
    first, second = _meeting(conatrap, 1, -90), _meeting(conatrap, 2, -10)
    user = conatrap.users["secretariat"]
    with pytest.raises(ValidationError):
        minutes_approve(user, first, approved_in=second)  # no draft yet
    minutes_save_draft(user, first, text="Texto fictício da ata.")
    assert "Texto fictício da ata." not in client.get(first.get_absolute_url()).content.decode()
    minutes_save_draft(user, second, text="Outra")
    with pytest.raises(ValidationError, match="posterior"):
        minutes_approve(user, second, approved_in=first)
    minutes_approve(user, first, approved_in=second)
    first.refresh_from_db()
    assert (first.minutes_status, first.minutes_approved_in) == (MinutesStatus.APPROVED, second)
    assert "Texto fictício da ata." in client.get(first.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        minutes_save_draft(user, first, text="mudança")
    with pytest.raises(PermissionDenied):
        minutes_save_draft(conatrap.users["member"], second, text="x")


def test_open_decision_on_1_1_1_shows_on_the_activity_page_and_beside_its_report(conatrap, client):
    world = build_world()
    world.plan.status = Plan.Status.PUBLISHED
    world.plan.save()
    activity = world.act["1.1.1"]
    meeting = _meeting(conatrap)
    decision = decision_record(
        conatrap.users["secretariat"], meeting, activities=[activity],
        data={"number": "1/2026", "text": "Publicar o relatório anual fictício.", "responsible": conatrap.secretariat,
              "deadline": TODAY + timedelta(days=90)},
    )  # fmt: skip
    page = client.get(f"/plano/{world.plan.slug}/{activity.code}/").content.decode()
    assert "Deliberações de comitês em aberto" in page and "Publicar o relatório anual fictício." in page
    report = make_report(world, "1.1.1", "MJSP", state="draft")
    client.force_login(world.users.mjsp)
    assert (
        "Publicar o relatório anual fictício." in client.get(f"/monitoramento/relatorios/{report.pk}/").content.decode()
    )
    decision.status = DecisionStatus.DONE
    decision.save()
    client.logout()
    assert (
        "Publicar o relatório anual fictício."
        not in client.get(f"/plano/{world.plan.slug}/{activity.code}/").content.decode()
    )


def test_convocation_sends_an_ics_to_members_with_accounts(conatrap, django_capture_on_commit_callbacks):
    meeting = _meeting(conatrap, 3, 20)
    conatrap.users["executive"].email = "exec@example.org"
    conatrap.users["executive"].save()
    with django_capture_on_commit_callbacks(execute=True):
        recipients = meeting_convoke(conatrap.users["secretariat"], meeting)
    assert recipients == ["exec@example.org"]
    (message,) = mail.outbox
    assert message.bcc == ["exec@example.org"] and "Convocação" in message.subject
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("reuniao.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "LOCATION:Brasília e videoconferência" in content


def test_ical_feed_and_calendar_and_indicators(conatrap, client):
    held = _meeting(conatrap, 1, -30)
    _meeting(conatrap, 2, 30)
    response = client.get("/rede/comites/conatrap/reunioes.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert response.content.decode().count("BEGIN:VEVENT") == 2
    attendance_record(conatrap.users["coord"], held, statuses={
        conatrap.seats[0].pk: (AttendanceStatus.HOLDER_PRESENT, ""), conatrap.seats[8].pk: (AttendanceStatus.ABSENT, ""),
    })  # fmt: skip
    year = held.starts_at.astimezone(TZ).year
    months = expected_calendar(conatrap.committee, year)
    assert [m.month for m in months if m.expected] == [1, 4, 7, 10]  # quarterly
    indicators = year_indicators(conatrap.committee, year)
    assert (indicators.expected, indicators.held_ordinary) == (4, 1)
    assert indicators.attendance_by_segment == {"Governo": 100, "Sociedade civil": 0}
