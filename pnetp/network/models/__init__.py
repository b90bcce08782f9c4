"""The network of the plan: the public directory of units, report channels, committees and their seats."""

from .channels import Channel, ChannelKind, ChannelScope
from .committees import Committee, CommitteeKind, Position, Seat, SeatRole, Segment
from .meetings import (
    OPEN_DECISION_STATUSES,
    PRESENT,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingKind,
    MeetingMode,
    MinutesStatus,
)
from .directory import Unit, UnitKind, UnitMember, UnitService

__all__ = [
    "OPEN_DECISION_STATUSES",
    "PRESENT",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "Decision",
    "DecisionStatus",
    "Meeting",
    "MeetingKind",
    "MeetingMode",
    "MinutesStatus",
    "Channel",
    "ChannelKind",
    "ChannelScope",
    "Committee",
    "CommitteeKind",
    "Position",
    "Seat",
    "SeatRole",
    "Segment",
    "Unit",
    "UnitKind",
    "UnitMember",
    "UnitService",
]
