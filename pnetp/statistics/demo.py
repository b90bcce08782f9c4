"""``pnetp demo``: publish the protected release of the SISETP demo records (loaded by ``pnetp.sisetp.demo``),
so the public pages show numbers. Idempotent: the release is recomputed only when the data changed."""

import time

from . import store


def load(stdout) -> None:
    started = time.perf_counter()
    release = store.current()  # inside the demo's transaction: recomputed now when the data changed
    stdout.write(
        f"SISETP: estatísticas publicadas ({len(release.years)} anos, k={release.k}) em "
        f"{time.perf_counter() - started:.1f} s."
    )
