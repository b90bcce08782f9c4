"""On sign-in: staff sessions (coordination, superusers) end when the browser closes; everyone else's
last a working day (``SESSION_COOKIE_AGE``)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="pnetp_accounts_session_expiry")
def staff_sessions_end_with_the_browser(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and (user.is_staff or user.is_superuser):
        request.session.set_expiry(0)
