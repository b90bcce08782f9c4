"""Monitoring models, one small module per concern."""

from .assignment import Indicator, Responsibility
from .cycle import MonitoringCycle
from .reminder import SentReminder
from .report import Evidence, IndicatorValue, ProgressReport, ReportComment
from .status import StatusOption

__all__ = [
    "Evidence",
    "Indicator",
    "IndicatorValue",
    "MonitoringCycle",
    "ProgressReport",
    "ReportComment",
    "Responsibility",
    "SentReminder",
    "StatusOption",
]
