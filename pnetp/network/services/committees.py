"""Committees and seats: create, fill a seat, end a seat, and the live parity check.

Parity is counted over the **holders** of the two voting segments on a given day. With a rule
(``parity_government``/``parity_civil_society``, e.g. 8 + 8 for CONATRAP under Portaria MJSP nº 959/2025)
parity is met when both segments have exactly their number of holders; without a rule (0 + 0), when the two
segments hold as many seats as each other and at least one each.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Committee, Seat, SeatRole, Segment
from ..permissions import require_edit_committees, require_manage_committee

TERM_ALERT_DAYS = 60
SEAT_FIELDS = (
    "segment", "role", "institution", "person_name", "user", "position", "term_start", "term_end", "designation_act",
)  # fmt: skip


@dataclass
class ParityCheck:
    committee: Committee
    day: date
    government: int
    civil_society: int
    other: int
    required_government: int
    required_civil_society: int
    ending_soon: list[Seat] = field(default_factory=list)

    @property
    def has_rule(self) -> bool:
        return bool(self.required_government or self.required_civil_society)

    @property
    def met(self) -> bool:
        if self.has_rule:
            return (self.government, self.civil_society) == (self.required_government, self.required_civil_society)
        return self.government == self.civil_society > 0

    @property
    def vacant_government(self) -> int:
        return max(self.required_government - self.government, 0)

    @property
    def vacant_civil_society(self) -> int:
        return max(self.required_civil_society - self.civil_society, 0)

    @property
    def vacant(self) -> int:
        return self.vacant_government + self.vacant_civil_society

    @property
    def label(self) -> str:
        """ "paridade: 8 governo, 8 sociedade civil" — the holders in office today."""
        return _("paridade: %(gov)d governo, %(civil)d sociedade civil") % {
            "gov": self.government,
            "civil": self.civil_society,
        }

    @property
    def alerts(self) -> list[str]:
        """What the secretariat must act on (parity broken, vacancies, terms ending)."""
        messages = []
        if not self.met:
            messages.append(_("Paridade rompida: %(label)s.") % {"label": self.label})
        if self.vacant:
            messages.append(
                _("Assentos vagos: %(gov)d do governo, %(civil)d da sociedade civil.")
                % {"gov": self.vacant_government, "civil": self.vacant_civil_society}
            )
        for seat in self.ending_soon:
            messages.append(
                _("Mandato de %(who)s (%(institution)s) termina em %(end)s.")
                % {"who": seat.person_name or seat.get_role_display(), "institution": seat.institution.acronym,
                   "end": seat.term_end.strftime("%d/%m/%Y")}
            )  # fmt: skip
        return messages


def active_seats(committee: Committee, day: date | None = None) -> list[Seat]:
    day = day or timezone.localdate()
    seats = committee.seats.select_related("institution", "user").order_by("segment", "institution__acronym", "role")
    return [seat for seat in seats if seat.is_active_on(day)]


def parity(committee: Committee, day: date | None = None) -> ParityCheck:
    """The live parity check of ``committee`` on ``day`` (today by default)."""
    day = day or timezone.localdate()
    seats = active_seats(committee, day)
    holders = [s for s in seats if s.role == SeatRole.HOLDER]
    horizon = day + timedelta(days=TERM_ALERT_DAYS)
    return ParityCheck(
        committee=committee,
        day=day,
        government=sum(1 for s in holders if s.segment == Segment.GOVERNMENT),
        civil_society=sum(1 for s in holders if s.segment == Segment.CIVIL_SOCIETY),
        other=sum(1 for s in holders if s.segment == Segment.OTHER),
        required_government=committee.parity_government,
        required_civil_society=committee.parity_civil_society,
        ending_soon=[s for s in seats if s.term_end and s.term_end <= horizon],
    )


COMMITTEE_FIELDS = (
    "slug", "name", "acronym", "kind", "uf", "municipality", "act_name", "act_date", "act_url", "secretariat", "rules",
    "parity_government", "parity_civil_society", "parity_act", "meeting_every_months", "quorum_percent", "active",
)  # fmt: skip


def committee_create(user, *, data: dict) -> Committee:
    """A new committee; the coordination only."""
    require_edit_committees(user)
    committee = Committee(**{k: v for k, v in data.items() if k in COMMITTEE_FIELDS})
    committee.full_clean()
    committee._history_user = user
    committee.save()
    return committee


def committee_update(user, committee: Committee, *, data: dict) -> Committee:
    """Change a committee's kind, territory, legal act, secretariat, rules, parity rule or periodicity."""
    require_edit_committees(user)
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        for name, value in data.items():
            if name in COMMITTEE_FIELDS:
                setattr(committee, name, value)
        committee.full_clean()
        committee._history_user = user
        committee.save()
    return committee


def seat_fill(user, committee: Committee, *, data: dict) -> Seat:
    """A new mandate in ``committee``; refuses a second holder of the same institution and segment."""
    require_manage_committee(user, committee)
    seat = Seat(committee=committee, **{k: v for k, v in data.items() if k in SEAT_FIELDS})
    seat.full_clean()
    _check_single_holder(seat)
    seat._history_user = user
    seat.save()
    return seat


def _check_single_holder(seat: Seat) -> None:
    if seat.role != SeatRole.HOLDER:
        return
    same = seat.committee.seats.filter(institution=seat.institution, segment=seat.segment, role=SeatRole.HOLDER)
    if any(other.is_active_on(seat.term_start) for other in same.exclude(pk=seat.pk)):
        raise ValidationError(_("Esta instituição já tem um titular em exercício neste segmento."))


def seat_update(user, seat: Seat, *, data: dict) -> Seat:
    """Correct a seat's data (segment, holder or alternate, institution, person, position, term, act)."""
    with transaction.atomic():
        seat = Seat.objects.select_for_update().select_related("committee").get(pk=seat.pk)
        require_manage_committee(user, seat.committee)
        for name, value in data.items():
            if name in SEAT_FIELDS:
                setattr(seat, name, value)
        seat.full_clean()
        _check_single_holder(seat)
        seat._history_user = user
        seat.save()
    return seat


def seat_end(user, seat: Seat, *, end_date: date, reason: str = "") -> Seat:
    """The member leaves the seat on ``end_date``; the seat stays in the record."""
    with transaction.atomic():
        seat = Seat.objects.select_for_update().select_related("committee").get(pk=seat.pk)
        require_manage_committee(user, seat.committee)
        if seat.end_date is not None:
            raise ValidationError(_("Este assento já foi encerrado."))
        if end_date < seat.term_start:
            raise ValidationError(_("A saída não pode ser anterior ao início do mandato."))
        seat.end_date, seat.end_reason = end_date, reason.strip()
        seat._history_user = user
        seat._change_reason = reason[:100]
        seat.save(update_fields=["end_date", "end_reason"])
    return seat
