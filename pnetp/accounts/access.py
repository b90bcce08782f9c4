"""Enforcing the policy of ``pnetp.accounts.permissions`` on views.

Anonymous visitors are sent to the login page; signed-in users without permission get 403.
"""

from functools import wraps

from django.contrib.auth.mixins import UserPassesTestMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class PolicyRequiredMixin(UserPassesTestMixin):
    """Class-based views: ``policy = staticmethod(can_x)``.

    With ``policy_on_object = True`` the policy receives ``(user, self.get_object())``.
    """

    policy = None
    policy_on_object = False

    def test_func(self) -> bool:
        if self.policy_on_object:
            return self.policy(self.request.user, self.get_object())
        return self.policy(self.request.user)


def policy_required(policy):
    """Function views: ``@policy_required(can_x)``, where ``can_x(user)`` returns a bool."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if policy(request.user):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
