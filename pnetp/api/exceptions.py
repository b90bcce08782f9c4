"""Errors of the services as HTTP answers, keeping their Portuguese messages.

``PermissionDenied`` → 403 (DRF already does it); Django's ``ValidationError`` → 400, with the
services' model field names renamed to the API's. Every 404 gets DRF's translated message, never
the English text of an internal ``Http404``.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

# Model field name → API field name, where they differ.
API_FIELD_NAMES = {"return_reason": "reason", NON_FIELD_ERRORS: api_settings.NON_FIELD_ERRORS_KEY}


def exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        detail = as_serializer_error(exc)
        exc = exceptions.ValidationError({API_FIELD_NAMES.get(key, key): value for key, value in detail.items()})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)
