"""Encrypting the identity values of a bulk import on the second core, while the cases are written.

Encryption is the one part of an import that needs nothing from the database, so it starts as soon
as the files are valid: every chunk of plain values goes to one worker process, and the writer
collects the tokens when it reaches that chunk. Values that turn out unchanged on a re-import were
encrypted for nothing; that is the worker's time, not the import's. Small imports (tests, the web
form's usual files) encrypt in-process: starting a process costs more than it saves.

The worker is ``python -m pnetp.sisetp.ingestion.sealing``, a fresh interpreter that imports only
``crypto`` (not Django, not the caller's main module, no inherited database connection), fed through
its stdin — the key first, never on the command line — and answering on its stdout, chunk by chunk.
"""

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

from .. import crypto

PARALLEL_FROM = 20_000  # values to encrypt; below this, no worker process


class SealingFailed(Exception):
    """The worker process stopped before encrypting every chunk."""


class Sealer:
    """Tokens of ``chunks`` (lists of plain texts), in order, under the current encryption key."""

    def __init__(self, chunks: list[list[str]], *, parallel_from: int | None = None):
        crypto.keyring()  # a missing or invalid key fails here, before any write, with its usual message
        self.key = crypto.configured_keys()[0]
        self.chunks = chunks
        self.process = None
        threshold = PARALLEL_FROM if parallel_from is None else parallel_from
        if chunks and sum(len(texts) for texts in chunks) >= threshold:
            self._start()

    def _start(self) -> None:
        root = str(Path(__file__).resolve().parents[3])  # the folder holding the pnetp package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.results: list[str | None] = [None] * len(self.chunks)
        self.ready = [threading.Event() for _chunk in self.chunks]
        # Two threads so neither pipe can fill up and block the other end.
        threading.Thread(target=self._feed, daemon=True).start()
        threading.Thread(target=self._collect, daemon=True).start()

    def _feed(self) -> None:
        stream = self.process.stdin
        try:
            pickle.dump(self.key, stream)
            for texts in self.chunks:
                pickle.dump(texts, stream)
            stream.close()
        except (BrokenPipeError, ValueError, OSError):  # the worker died or was stopped
            pass

    def _collect(self) -> None:
        stream = self.process.stdout
        try:
            for index in range(len(self.chunks)):
                self.results[index] = pickle.load(stream)
                self.ready[index].set()
        except (EOFError, ValueError, OSError, pickle.UnpicklingError):
            pass
        finally:
            for event in self.ready:
                event.set()

    def tokens(self, index: int) -> list[str]:
        texts = self.chunks[index]
        if not texts:
            return []
        if self.process is None:
            return crypto.encrypt_batch(self.key, texts)
        self.ready[index].wait()
        joined, self.results[index] = self.results[index], None  # used once: keep memory bounded
        if joined is None:
            raise SealingFailed(f"o processo de cifragem parou (código {self.process.poll()})")
        return joined.split("\n")

    def close(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                try:
                    stream.close()
                except (BrokenPipeError, OSError):
                    pass
            self.process = None


def main() -> None:
    """The worker: a key, then lists of texts on stdin; one string of newline-joined tokens out per list."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    key = pickle.load(stdin)
    while True:
        try:
            texts = pickle.load(stdin)
        except EOFError:
            return
        # One string back instead of a list: smaller to pickle and to keep until the writer needs it.
        pickle.dump("\n".join(crypto.encrypt_batch(key, texts)), stdout)
        stdout.flush()


if __name__ == "__main__":
    main()
