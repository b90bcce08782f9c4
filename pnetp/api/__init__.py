"""REST API (Django REST framework) with its OpenAPI schema (drf-spectacular).

- /api/v1/: public reads of plans, activities, progress, statuses and approved reports; the report
  workflow for focal points and the coordination. Routes in urls.py, rules in permissions.py and in
  pnetp.monitoring.services.
- Authentication for writes: the portal's session (CSRF token required, as for any form) or
  ``Authorization: Token <key>`` (rest_framework.authtoken; the coordination creates keys in the admin
  or with ``manage.py drf_create_token USERNAME``). Unauthenticated writes get 401.
- /api/schema/ (OpenAPI 3) and /api/docs/ (that schema as a page of the site, in Portuguese: docs.py).
"""
