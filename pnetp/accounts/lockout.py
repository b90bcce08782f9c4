"""Sign-in limits (django-axes): the lockout page, the failure limit and the client address.

Two limits hold at once:
- per user and address: ``AXES_FAILURE_LIMIT`` failures of one account from one address lock that pair,
  so a colleague behind the same government proxy still signs in;
- per address: ``PNETP_LOGIN_ADDRESS_FAILURE_LIMIT`` failures from one address, whatever the usernames,
  lock the address (password spraying). They are counted in axes' failure log, which a successful
  sign-in does not reset, so one valid account cannot clear the count.

The client address is ``REMOTE_ADDR`` unless that is a trusted reverse proxy listed in
``PNETP_TRUSTED_PROXIES`` (addresses or networks); then the right-most address of X-Forwarded-For that
is not itself a trusted proxy. X-Forwarded-For from anyone else is ignored: clients can forge it.
"""

import ipaddress

from axes.models import AccessFailureLog
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT_PER_USER, "cooloff_minutes": minutes}
    # 429: the client may try again later; the body says when, in Portuguese.
    return render(request, "accounts/locked.html", context, status=429)


def _networks(values) -> list:
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()]


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str | None:
    """The address the limits count; X-Forwarded-For only when the peer is a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR")
    networks = _networks(settings.PNETP_TRUSTED_PROXIES)
    if not remote or not _trusted(remote, networks):
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(forwarded):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed hop: count the proxy rather than trust garbage
    return remote


def address_failures(request) -> int:
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since).count()


def failure_limit(request, credentials) -> int:
    """Axes compares the user/address failures with this; 0 locks the address outright."""
    if address_failures(request) >= settings.PNETP_LOGIN_ADDRESS_FAILURE_LIMIT:
        return 0
    return settings.AXES_FAILURE_LIMIT_PER_USER
