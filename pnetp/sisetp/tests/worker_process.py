"""A database shared by the test and a REAL worker process (``pnetp worker``). On SQLite the test's in-memory
database is copied to a file for the worker and back; on PostgreSQL the worker uses the test database itself.
The test must be transactional (the worker sees committed rows only)."""

import os
import sqlite3
import sys
from contextlib import closing

from django.conf import settings
from django.db import connection

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class SharedDatabase:
    """The test database as another process sees it."""

    def __init__(self, tmp_path):
        self.sqlite = connection.vendor == "sqlite"
        self.file = tmp_path / "worker.sqlite3"
        db = connection.settings_dict
        if self.sqlite:
            self.url = f"sqlite:///{self.file}"
        else:
            password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
            self.url = (
                f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
            )

    def export(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def load(self) -> None:
        """Back into the test's database (a killed writer's hot journal is rolled back on opening)."""
        if self.sqlite:
            source = sqlite3.connect(self.file)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()

    def row(self, model, pk: int, fields: list[str], *, busy=None) -> tuple:
        """``fields`` of a row as the worker wrote them (``busy`` while SQLite is locked by its writer)."""
        if self.sqlite:
            columns = ", ".join(model._meta.get_field(f).column for f in fields)
            with closing(sqlite3.connect(self.file, timeout=0.2)) as db:
                try:
                    return db.execute(f"SELECT {columns} FROM {model._meta.db_table} WHERE id = ?", [pk]).fetchone()  # noqa: S608
                except sqlite3.OperationalError:
                    return busy
        return model.objects.filter(pk=pk).values_list(*fields).get()

    def worker(self, tmp_path, *args) -> tuple[list[str], dict]:
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "PNETP_DATA_DIR": str(tmp_path / "worker-data"),
            "DEBUG": "0",
            "SECRET_KEY": "test-worker-" + "x" * 40,  # DEBUG off refuses the public development key (core.E001)
            "PNETP_FIELD_ENCRYPTION_KEY": ",".join(settings.PNETP_FIELD_ENCRYPTION_KEYS),
        }
        return [sys.executable, "-m", "pnetp.cli", "worker", *args], env
