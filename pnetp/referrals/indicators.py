"""Indicators of the referral flow (evidence for 2.2.x and 4.2.x): pseudonymous aggregates only.

For the coordination's dashboard: time to first answer, acceptance and refusal by reason, completion, past
deadline, time in each flow stage against its deadline, returns completed. Anything public goes through
``pnetp.disclosure`` (``public_table``): no count from 1 to k−1 ever leaves.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.db.models import Count, F, Q
from django.utils import timezone

from pnetp.disclosure import CountTable, ProtectedTable, protect

from .models import ANSWERED, Atendimento, ClosureReason, Referral, RefusalReason, State


@dataclass
class Indicators:
    sent: int = 0
    answered: int = 0
    accepted: int = 0
    refused: int = 0
    done: int = 0
    expired: int = 0
    revoked: int = 0
    past_deadline: int = 0
    overrides: int = 0
    median_hours_to_answer: float | None = None
    refusals_by_reason: dict = field(default_factory=dict)
    by_uf: dict = field(default_factory=dict)
    stages: list = field(default_factory=list)
    returns_completed: int = 0

    @property
    def acceptance_rate(self) -> float | None:
        return round(100 * self.accepted / self.answered, 1) if self.answered else None

    @property
    def completion_rate(self) -> float | None:
        return round(100 * self.done / self.accepted, 1) if self.accepted else None


def referrals_in(*, uf: str | None = None, start=None, end=None):
    queryset = Referral.objects.all()
    if uf:
        queryset = queryset.filter(from_unit__municipality__uf__abbreviation=uf)
    if start:
        queryset = queryset.filter(sent_at__date__gte=start)
    if end:
        queryset = queryset.filter(sent_at__date__lte=end)
    return queryset


def _stage_rows(now) -> list[dict]:
    """Open atendimentos per flow stage, and how many are beyond the stage's deadline."""
    rows = []
    open_ = Atendimento.objects.exclude(status="encerrado").filter(stage__isnull=False)
    grouped = open_.values("flow__title", "stage__order", "stage__name", "stage__deadline_days").annotate(n=Count("pk"))
    for row in grouped.order_by("flow__title", "stage__order"):
        late = 0
        if row["stage__deadline_days"]:
            limit = now - timedelta(days=row["stage__deadline_days"])
            late = open_.filter(
                flow__title=row["flow__title"], stage__order=row["stage__order"], stage_since__lt=limit
            ).count()
        rows.append({**row, "late": late})
    return rows


def compute(*, uf: str | None = None, start=None, end=None) -> Indicators:
    now = timezone.now()
    queryset = referrals_in(uf=uf, start=start, end=end)
    counts = dict(queryset.values_list("state").annotate(n=Count("pk")))
    result = Indicators(
        sent=sum(counts.values()),
        answered=sum(counts.get(s, 0) for s in ANSWERED),
        accepted=sum(counts.get(s, 0) for s in (State.ACCEPTED, State.IN_SERVICE, State.DONE)),
        refused=counts.get(State.REFUSED, 0),
        done=counts.get(State.DONE, 0),
        expired=counts.get(State.EXPIRED, 0),
        revoked=counts.get(State.REVOKED, 0),
        overrides=queryset.filter(override_by__isnull=False).count(),
    )
    result.past_deadline = queryset.filter(
        Q(state=State.EXPIRED)
        | Q(responded_at__gt=F("deadline"))
        | Q(state__in=[State.SENT, State.RECEIVED], deadline__lt=now)
    ).count()
    hours = [
        (answered - sent).total_seconds() / 3600
        for sent, answered in queryset.filter(responded_at__isnull=False).values_list("sent_at", "responded_at")
    ]
    result.median_hours_to_answer = round(median(hours), 1) if hours else None
    reasons = dict(queryset.filter(state=State.REFUSED).values_list("refusal_reason").annotate(n=Count("pk")))
    result.refusals_by_reason = {str(label): reasons.get(code, 0) for code, label in RefusalReason.choices}
    by_uf = queryset.values_list("from_unit__municipality__uf__abbreviation").annotate(n=Count("pk"))
    result.by_uf = {uf or "Exterior": n for uf, n in by_uf.order_by("from_unit__municipality__uf__abbreviation")}
    result.stages = _stage_rows(now)
    result.returns_completed = Atendimento.objects.filter(closure_reason=ClosureReason.RETURNED).count()
    return result


def public_table(k: int | None = None) -> ProtectedTable:
    """Referrals by state, as the public may see them (primary and secondary suppression)."""
    counts = dict(Referral.objects.values_list("state").annotate(n=Count("pk")))
    return protect(
        CountTable(
            rows=[str(label) for _code, label in State.choices],
            cells=[counts.get(code, 0) for code, _label in State.choices],
            row_var="situacao",
            name="encaminhamentos_por_situacao",
            universe="encaminhamentos",
        ),
        k,
    )
