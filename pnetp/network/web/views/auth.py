"""Anonymous visitors of an editing page go to the login page; signed-in users are then checked by access_*."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login


def login_first(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
