"""Pages that need the SISETP statistics before any release is stored answer "being prepared" (503)."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from .store import IN_REQUEST, StatisticsPending

RETRY_AFTER_SECONDS = 60


class StatisticsPendingMiddleware:
    """Marks the request (``store.IN_REQUEST``: never compute here) and renders ``StatisticsPending``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = IN_REQUEST.set(True)
        try:
            return self.get_response(request)
        finally:
            IN_REQUEST.reset(token)

    def process_exception(self, request, exception):
        if not isinstance(exception, StatisticsPending):
            return None
        response = render(request, "statistics/pending.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
