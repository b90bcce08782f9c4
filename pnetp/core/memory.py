"""Pausing Python's cyclic garbage collector while millions of small acyclic objects are built.

Each collection rescans every live container; a run at a million records holds millions of tuples,
sets and dict entries, none of them in a cycle, and the collector would rescan them again and again
(at 1M records it took half of the clustering time, and more than the validation of an import). Reference counting still frees them.

The collector is the whole process's, every thread's: use this only in a process that serves no
requests — a job of ``pnetp worker`` (SISETP imports, linkage runs) or a command — never in code a view
calls (``sisetp.ingestion.batches.run_import`` does not; its job and its command do).
"""

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
