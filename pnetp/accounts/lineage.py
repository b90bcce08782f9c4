"""Who gave an account the coordination role, and when: read from the account's history.

The two-person rule on identity grants (``sisetp.services.grants``) asks for a second *person*. One
coordination member could otherwise make a second account (or a chain of them: A makes B coordination,
B makes C) and approve their own requests with it. ``elevation`` is the start of the account's present
stint as an active coordination member (created as one, given the role, or reactivated) and who did it;
``elevation_chain`` follows those steps back: who elevated the account, who elevated that person, and so on.
"""

from dataclasses import dataclass
from datetime import datetime

from .models import Role, User

APPROVING_ROLES = frozenset({Role.COORDINATION})
MAX_CHAIN = 50  # a chain longer than any real coordination; stops a loop in odd histories


@dataclass(frozen=True)
class Elevation:
    at: datetime
    by_id: int | None  # None: done outside the pages and the admin (a command, a migration)


def elevation(user_id: int) -> Elevation | None:
    """When and by whom the account last became an active coordination member; None if it is not one
    or its history does not say (an account older than the history)."""
    records = User.history.filter(id=user_id).order_by("history_date", "history_id")
    start = None
    for role, active, at, by_id in records.values_list("role", "is_active", "history_date", "history_user_id"):
        if role in APPROVING_ROLES and active:
            start = start or Elevation(at, by_id)
        else:
            start = None
    return start


def elevation_chain(user_id: int) -> list[int]:
    """The ids of who elevated the account, who elevated them, and so on (nearest first)."""
    chain, current = [], user_id
    while len(chain) < MAX_CHAIN:
        step = elevation(current)
        if step is None or step.by_id is None or step.by_id in chain or step.by_id == user_id:
            break
        chain.append(step.by_id)
        current = step.by_id
    return chain
