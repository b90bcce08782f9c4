"""Committee management services: who may create/edit committees, edit and end seats, change an agenda, and
update a decision's status; each change kept in the history."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.accounts.models import Role
from pnetp.network.committee_selectors import followed_decisions
from pnetp.network.models import AgendaItem, Committee, Decision, DecisionStatus, Meeting, Segment
from pnetp.network.permissions import can_manage_any_committee, managed_committees
from pnetp.network.services.agenda import agenda_item_add, agenda_item_move, agenda_item_remove, agenda_item_update
from pnetp.network.services.committees import committee_create, committee_update, seat_end, seat_update
from pnetp.network.services.meetings import decision_update_status

from .committees_data import TODAY, build_conatrap
from .conftest import make_user

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("America/Sao_Paulo")


@pytest.fixture
def conatrap(db):
    return build_conatrap()


def _meeting(conatrap):
    start = datetime.combine(TODAY, datetime.min.time(), TZ).replace(hour=14)
    return Meeting.objects.create(committee=conatrap.committee, number=1, starts_at=start)


def test_only_the_coordination_creates_and_edits_committees(conatrap):
    data = {"slug": "cetrap-df", "name": "Comitê Distrital Fictício", "kind": "district", "meeting_every_months": 2,
            "parity_government": 4, "parity_civil_society": 4}  # fmt: skip
    for name in ("secretariat", "executive", "member", "focal"):
        with pytest.raises(PermissionDenied):
            committee_create(conatrap.users[name], data=data)
        with pytest.raises(PermissionDenied):
            committee_update(conatrap.users[name], conatrap.committee, data={"name": "Tomado"})
    with pytest.raises(ValidationError) as error:
        committee_create(conatrap.users["coord"], data=data)  # a district committee needs its UF
    assert "uf" in error.value.message_dict
    committee = committee_update(
        conatrap.users["coord"], conatrap.committee, data={"meeting_every_months": 2, "pk": 99}
    )
    assert (committee.meeting_every_months, committee.pk) == (2, conatrap.committee.pk)
    last = Committee.history.filter(id=committee.pk).latest("history_date")
    assert (last.meeting_every_months, last.history_user) == (2, conatrap.users["coord"])


def test_seat_edit_and_end_with_reason_keep_history(conatrap):
    seat = conatrap.seats[0]
    with pytest.raises(PermissionDenied):
        seat_update(conatrap.users["member"], seat, data={"designation_act": "x"})
    seat_update(conatrap.users["secretariat"], seat, data={"designation_act": "Portaria fictícia nº 1/2026"})
    with pytest.raises(ValidationError, match="já tem um titular"):
        seat_update(conatrap.users["secretariat"], conatrap.seats[1], data={"institution": seat.institution})
    seat_end(conatrap.users["executive"], seat, end_date=TODAY, reason="Renúncia")
    seat.refresh_from_db()
    assert (seat.end_date, seat.end_reason, seat.designation_act) == (TODAY, "Renúncia", "Portaria fictícia nº 1/2026")
    rows = list(seat.history.order_by("history_date").values_list("history_user__username", "end_reason"))
    assert rows[-2:] == [("senajus", ""), ("secretaria.exec", "Renúncia")]


def test_agenda_add_edit_reorder_remove(conatrap):
    meeting = _meeting(conatrap)
    user = conatrap.users["secretariat"]
    with pytest.raises(PermissionDenied):
        agenda_item_add(conatrap.users["focal"], meeting, data={"title": "x"})
    a, b, c = (agenda_item_add(user, meeting, data={"title": t, "presenter": "SENAJUS"}) for t in "ABC")
    assert [i.order for i in (a, b, c)] == [1, 2, 3]
    agenda_item_move(user, c, direction="up")
    agenda_item_move(user, a, direction="up")  # already first: nothing moves
    assert list(meeting.agenda.order_by("order").values_list("title", flat=True)) == ["A", "C", "B"]
    agenda_item_update(user, b, data={"title": "B revisto", "minutes": 20})
    with pytest.raises(PermissionDenied):
        agenda_item_remove(conatrap.users["member"], a)
    agenda_item_remove(user, a)
    assert list(meeting.agenda.order_by("order").values_list("order", "title")) == [(1, "C"), (2, "B revisto")]
    assert AgendaItem.history.filter(history_type="-", title="A").exists()
    with pytest.raises(ValidationError):
        agenda_item_move(user, b, direction="sideways")


def test_decision_status_by_managers_and_the_responsible_focal_point(conatrap):
    meeting = _meeting(conatrap)
    responsible = conatrap.seats[0].institution  # conatrap.users["focal"] belongs to it
    decision = Decision.objects.create(meeting=meeting, number="1/2026", text="Fictícia", responsible=responsible)
    other_focal = make_user("focal.outro", Role.FOCAL_POINT, conatrap.seats[1].institution)
    for user in (other_focal, conatrap.users["member"]):
        with pytest.raises(PermissionDenied):
            decision_update_status(user, decision, status=DecisionStatus.DONE)
    decision_update_status(conatrap.users["focal"], decision, status=DecisionStatus.IN_PROGRESS, note="Minuta pronta.")
    with pytest.raises(ValidationError):
        decision_update_status(conatrap.users["secretariat"], decision, status="nonsense")
    decision_update_status(conatrap.users["secretariat"], decision, status=DecisionStatus.DONE, note="Publicado.")
    rows = list(
        decision.history.order_by("history_date").values_list("status", "status_note", "history_user__username")
    )
    assert rows[1:] == [("in_progress", "Minuta pronta.", "outro.focal"), ("done", "Publicado.", "senajus")]
    assert followed_decisions(conatrap.users["focal"]) == []  # done: no longer open
    decision_update_status(conatrap.users["coord"], decision, status=DecisionStatus.OPEN)
    assert followed_decisions(conatrap.users["focal"]) == [decision] and followed_decisions(other_focal) == []


def test_managed_committees(conatrap):
    assert list(managed_committees(conatrap.users["secretariat"])) == [conatrap.committee]
    assert list(managed_committees(conatrap.users["executive"])) == [conatrap.committee]
    assert can_manage_any_committee(conatrap.users["coord"])
    assert not can_manage_any_committee(conatrap.users["member"]) and not can_manage_any_committee(
        conatrap.users["focal"]
    )
    executive_seat = conatrap.committee.seats.get(segment=Segment.OTHER)
    seat_end(conatrap.users["coord"], executive_seat, end_date=TODAY - timedelta(days=1), reason="Fim")
    assert not can_manage_any_committee(conatrap.users["executive"])


def test_ended_seats_and_their_reason_are_listed_for_the_managers_only(conatrap, client):
    seat_end(conatrap.users["secretariat"], conatrap.seats[3], end_date=TODAY, reason="Renúncia por motivo fictício")
    client.force_login(conatrap.users["executive"])
    page = client.get("/rede/comites/conatrap/").content.decode()
    assert "Assentos encerrados" in page and "Renúncia por motivo fictício" in page
    client.force_login(conatrap.users["member"])
    assert "Renúncia por motivo fictício" not in client.get("/rede/comites/conatrap/").content.decode()
