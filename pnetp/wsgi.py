import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
django_application = get_wsgi_application()

from pnetp.core.page_front import PageFront  # noqa: E402 - needs the settings configured above

# Public pages in the cache are answered before Django's middleware (pnetp.core.page_front).
application = PageFront(django_application)

# Everything loaded so far lives as long as the process: out of the garbage collector's sight. With gunicorn's
# --preload the workers are forked from here, and a collection walking these objects would copy every page of
# memory it touches into each worker (copy-on-write) at every worker start, and rescan them in every full
# collection after that.
gc.collect()
gc.freeze()
