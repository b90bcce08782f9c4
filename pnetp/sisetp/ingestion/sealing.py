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
import queue
import subprocess
import sys
import threading
from pathlib import Path

from .. import crypto

PARALLEL_FROM = 20_000  # values to encrypt; below this, no worker process


class SealingFailed(Exception):
    """The worker process stopped before encrypting every chunk."""


class Sealer:
    """Tokens of ``chunks`` (lists of plain texts), in order, under the current encryption key.

    ``streaming``: chunks come later, by ``add`` (an import that checks its identity file a slice at a
    time while it writes the cases), until ``finish``; the worker starts once they reach ``parallel_from``
    texts (a small file is encrypted in this process when its tokens are asked for).
    """

    def __init__(self, chunks: list[list[str]], *, parallel_from: int | None = None, streaming: bool = False):
        crypto.keyring()  # a missing or invalid key fails here, before any write, with its usual message
        self.key = crypto.configured_keys()[0]
        self.chunks: list[list[str]] = []
        self.process = None
        self.finished = False
        self.threshold = PARALLEL_FROM if parallel_from is None else parallel_from
        self.texts = 0  # how many texts were added
        if not streaming and sum(len(texts) for texts in chunks) >= self.threshold:
            self._start()
        for texts in chunks:
            self.add(texts)
        if not streaming:
            self.finish()

    def _start(self) -> None:
        root = str(Path(__file__).resolve().parents[3])  # the folder holding the pnetp package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.results: list[str | None] = []
        self.ready: list[threading.Event] = []
        self.stopped = threading.Event()  # the worker answered everything it will answer
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        # Two threads so neither pipe can fill up and block the other end.
        threading.Thread(target=self._feed, daemon=True).start()
        threading.Thread(target=self._collect, daemon=True).start()

    def add(self, texts: list[str]) -> None:
        """One more chunk; its tokens are ``tokens(index)``, index counting the chunks added from 0."""
        self.chunks.append(texts)
        self.texts += len(texts)
        if self.process is None and not self.finished and self.texts >= self.threshold:
            self._start()
            for earlier in self.chunks[:-1]:
                self._send(earlier)
        if self.process is not None:
            self._send(texts)

    def _send(self, texts: list[str]) -> None:
        self.results.append(None)
        self.ready.append(threading.Event())
        self.queue.put(texts)

    def finish(self) -> None:
        """No more chunks: the worker ends once it has answered them."""
        self.finished = True
        if self.process is not None:
            self.queue.put(None)

    def _feed(self) -> None:
        stream = self.process.stdin
        try:
            pickle.dump(self.key, stream)
            while (texts := self.queue.get()) is not None:
                pickle.dump(texts, stream)
                stream.flush()  # the worker starts on each chunk as it comes
            stream.close()
        except (BrokenPipeError, ValueError, OSError):  # the worker died or was stopped
            pass

    def _collect(self) -> None:
        stream = self.process.stdout
        try:
            index = 0
            while True:
                self.results[index] = pickle.load(stream)
                self.ready[index].set()
                index += 1
        except (EOFError, ValueError, OSError, pickle.UnpicklingError, IndexError):
            pass
        finally:
            self.stopped.set()
            for event in list(self.ready):
                event.set()

    def tokens(self, index: int) -> list[str]:
        texts = self.chunks[index]
        if not texts:
            return []
        if self.process is None:
            return crypto.encrypt_batch(self.key, texts)
        while not self.ready[index].wait(0.5):
            if self.stopped.is_set():
                break
        joined, self.results[index] = self.results[index], None  # used once: keep memory bounded
        if joined is None:
            raise SealingFailed(f"o processo de cifragem parou (código {self.process.poll()})")
        return joined.split("\n")

    def close(self) -> None:
        if self.process is not None:
            self.queue.put(None)  # the feeding thread may be waiting for a chunk
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
