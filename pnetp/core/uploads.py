"""Uploads over the limit are refused before their body is received.

``UploadLimitMiddleware`` answers 413 from the ``Content-Length`` alone, before any middleware or view
reads ``request.POST`` (its ``process_view`` runs before the CSRF check, which would read it). A body
that gets past that check is still counted as it streams in by ``BoundedUploadHandler``, first of the
request's upload handlers: past a file's limit, or the request's, it stops the upload without reading
the rest, and the same 413 answer is given. Limits come from ``pnetp.core.limits.body_limit``.
"""

from django.http import JsonResponse
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render

from .limits import BodyLimit, body_limit

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class BoundedUploadHandler(FileUploadHandler):
    """Counts the bytes of every file of the request; past a limit, records the refusal and stops."""

    def __init__(self, request, limit: BodyLimit):
        super().__init__(request)
        self.limit = limit
        self.total = 0
        self.in_file = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.in_file = 0

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        self.in_file += len(raw_data)
        if self.in_file > self.limit.file_bytes or self.total > self.limit.body_bytes:
            self.request.upload_refused = self.limit
            raise StopUpload(connection_reset=True)  # do not read what is left of the body
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def refusal(request, limit: BodyLimit):
    message = limit.message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"message": message, "limit": limit}, status=413)


class UploadLimitMiddleware:
    """Put it before ``CsrfViewMiddleware``: its ``process_view`` must be the first to touch the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in _BODY_METHODS:
            limit = body_limit(request.path)
            request.upload_limit = limit
            request.upload_handlers.insert(0, BoundedUploadHandler(request, limit))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(request, "upload_limit", None)
        if limit is None:
            return None
        if _content_length(request) > limit.body_bytes:
            return refusal(request, limit)  # the body is never read
        if request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 - parse now, through the bounded handler, before anyone else reads it
            if getattr(request, "upload_refused", None):
                return refusal(request, request.upload_refused)
        return None
