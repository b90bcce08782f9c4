from functools import cache

from .selectors import unread_count


def notifications(request):
    """``NOTIFICATIONS_UNREAD`` for the header: a callable, so the count runs only if a template reads it."""
    user = getattr(request, "user", None)
    return {"NOTIFICATIONS_UNREAD": cache(lambda: unread_count(user))}
