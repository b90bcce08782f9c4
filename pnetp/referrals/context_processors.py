"""``referrals_pending``: the number of received referrals awaiting an answer, for the menu (professionals only)."""

from .selectors import pending_count


def pending(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or getattr(user, "role", "") != "network_professional":
        return {}
    return {"referrals_pending": pending_count(user)}
