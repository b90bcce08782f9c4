"""Work that outlives the request, in a thread of the web process: imports, linkage runs, the statistics
recompute. No queue or worker server (the deployment is one web service); the price is that the work dies
with the process, which each caller records or tolerates (jobs left to resend, runs marked interrupted,
the stored release kept until the next page view tries again).
"""

import threading

from django.db import close_old_connections, connection


def in_background(target, *args, name: str, inline: bool = False, **kwargs) -> threading.Thread | None:
    """Run ``target(*args, **kwargs)`` in a daemon thread named ``name``; ``inline`` runs it now instead.

    The thread gets its own database connection and closes it at the end: Django closes connections at the
    end of a request, which a thread never sees, so it would otherwise stay open until the server restarts.
    """
    if inline:
        target(*args, **kwargs)
        return None

    def body():
        close_old_connections()
        try:
            target(*args, **kwargs)
        finally:
            connection.close()

    thread = threading.Thread(target=body, daemon=True, name=name)
    thread.start()
    return thread
