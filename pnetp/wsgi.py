import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
django_application = get_wsgi_application()

from pnetp.core.page_front import PageFront  # noqa: E402 - needs the settings configured above

# Public pages in the cache are answered before Django's middleware (pnetp.core.page_front).
application = PageFront(django_application)
