"""The SQLite backup procedure in README.md, proved: back up a live WAL database, restore, nothing lost."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from assessments.operations.backup import BackupFailed, backup_sqlite
from tests.factories import UserFactory

# Enough rows for several pages (blobs of 512 bytes), few enough that each test takes milliseconds.
ROWS = [(n, f"Organisation {n} — ünïcödé 🤖", n * 1.5, bytes([n % 256]) * 512) for n in range(100)]


def _live_database(path: Path) -> sqlite3.Connection:
    """A database as the app keeps it: WAL mode, with committed rows still in the -wal file."""
    live = sqlite3.connect(path, isolation_level=None)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")  # keep every commit in the -wal, as a busy app does
    live.execute("CREATE TABLE org (id INTEGER PRIMARY KEY, name TEXT, score REAL, blob BLOB)")
    for start in range(0, len(ROWS), 25):  # a few commits, as several saves would make
        live.execute("BEGIN")
        live.executemany("INSERT INTO org VALUES (?, ?, ?, ?)", ROWS[start : start + 25])
        live.execute("COMMIT")
    return live


def _restored_rows(path: Path) -> list[tuple]:
    restored = sqlite3.connect(path)
    try:
        assert restored.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return restored.execute("SELECT id, name, score, blob FROM org ORDER BY id").fetchall()
    finally:
        restored.close()


def test_a_backup_taken_during_an_open_write_transaction_restores_every_committed_row(tmp_path):
    live = _live_database(tmp_path / "live.sqlite3")
    writer = sqlite3.connect(tmp_path / "live.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another worker is half-way through a save
    writer.execute("INSERT INTO org VALUES (-1, 'uncommitted', 0, NULL)")
    writer.execute("UPDATE org SET name = 'half-saved' WHERE id = 7")

    backup = backup_sqlite(source=tmp_path / "live.sqlite3", destination=tmp_path / "backup.sqlite3")
    writer.execute("COMMIT")  # the live app was never blocked and carries on
    writer.close()
    live.close()

    assert backup.size > 0 and backup.path == tmp_path / "backup.sqlite3"
    assert not (tmp_path / "backup.sqlite3-wal").exists()  # one self-contained file
    restore = tmp_path / "restored" / "caio.sqlite3"  # "stop the app, move the copy into place"
    restore.parent.mkdir()
    shutil.move(backup.path, restore)
    assert _restored_rows(restore) == ROWS


def test_a_new_backup_replaces_an_older_one_only_when_it_is_whole(tmp_path):
    live = _live_database(tmp_path / "live.sqlite3")
    (tmp_path / "backup.sqlite3").write_bytes(b"yesterday's backup")
    backup_sqlite(source=tmp_path / "live.sqlite3", destination=tmp_path / "backup.sqlite3")
    live.close()
    assert _restored_rows(tmp_path / "backup.sqlite3") == ROWS
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_a_missing_source_is_refused_and_never_created(tmp_path):
    with pytest.raises(BackupFailed, match="no such database file"):
        backup_sqlite(source=tmp_path / "typo.sqlite3", destination=tmp_path / "backup.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_the_live_database_cannot_be_its_own_backup(tmp_path):
    _live_database(tmp_path / "live.sqlite3").close()
    with pytest.raises(BackupFailed, match="another file"):
        backup_sqlite(source=tmp_path / "live.sqlite3", destination=tmp_path / "live.sqlite3")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the command's SQLite path; PostgreSQL's is below")
@pytest.mark.django_db(transaction=True)
def test_the_command_backs_up_the_sqlite_database(tmp_path):
    UserFactory(username="backed-up")
    out = tmp_path / "backup.sqlite3"
    stdout = io.StringIO()
    call_command("backup_sqlite", str(out), stdout=stdout)
    assert "integrity_check: ok" in stdout.getvalue()
    assert f"({out.stat().st_size:,} bytes)" in stdout.getvalue()
    copy = sqlite3.connect(out)
    assert copy.execute("SELECT username FROM auth_user").fetchall() == [("backed-up",)]
    copy.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres:///...)"
)
def test_the_command_refuses_postgresql_with_a_pointer_to_pg_dump(tmp_path):
    out = tmp_path / "backup.sqlite3"
    with pytest.raises(CommandError, match=r"^backup_sqlite backs up SQLite only; .* use pg_dump -Fc"):
        call_command("backup_sqlite", str(out))
    assert not out.exists()
