"""Error pages in the gov.br layout (handler403/404/500 in ``pnetp.urls``, ``CSRF_FAILURE_VIEW``) and the
403 log filter.

403 and 404 render with the request, so the header shows who is signed in and the menu what they may do.
500 renders without the request context: the error may come from the database or a context processor.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotFound, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def _message(exception) -> str:
    # A refusal raised with a Portuguese reason (PermissionDenied(_("Somente ..."))) shows it; a bare one shows none.
    if exception is None:
        return ""
    return str(exception.args[0]) if getattr(exception, "args", None) else ""


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": _message(exception)}, status=403)


@requires_csrf_token
def csrf_failure(request, reason: str = ""):
    """A form sent without a valid CSRF token (page open too long, cookies blocked, another tab signed out).
    Django's reason is technical English and already logged by ``django.security.csrf``: it is not shown."""
    return render(request, "403_csrf.html", {"retry": request.get_full_path()}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.get_template("404.html").render({}, request))


@requires_csrf_token
def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())


class DropPermissionDeniedTraceback(logging.Filter):
    """Keeps "Forbidden (Permission denied)" log lines but drops their traceback: a refusal is not a bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        if exc_info and isinstance(exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
