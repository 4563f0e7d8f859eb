"""Online backup of an SQLite database, safe while the app is running and writing.

A plain file copy of a database in WAL mode misses every transaction still in the `-wal` file and can
catch pages mid-write. SQLite's backup API copies a consistent snapshot through a read transaction,
which in WAL mode never blocks the app's writers. The copy is checked before it replaces anything.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path


class BackupFailed(Exception):
    """The backup was not made, or the copy did not pass its integrity check; the message says which."""


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    size: int


def backup_sqlite(*, source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> Backup:
    """Copy `source` to `destination` with the online backup API, then run `PRAGMA integrity_check` on it.

    The copy is written to a temporary file beside `destination` and renamed into place only once it
    checks "ok", so an existing backup is never replaced by a broken one.
    """
    src_path, dst_path = Path(source).resolve(), Path(destination).resolve()
    if not src_path.is_file():
        raise BackupFailed(f"{src_path}: no such database file")
    if dst_path == src_path:
        raise BackupFailed("the backup must go to another file than the live database")
    if not dst_path.parent.is_dir():
        raise BackupFailed(f"{dst_path.parent}: no such directory")
    # Read-only, so a mistyped path can never create or change a database.
    src = sqlite3.connect(f"{src_path.as_uri()}?mode=ro", uri=True, timeout=20)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{dst_path.name}.", suffix=".part", dir=dst_path.parent)
    os.close(handle)
    try:
        dst = sqlite3.connect(tmp_name)
        try:
            src.backup(dst)
            # A self-contained file: no -wal/-shm beside the copy, whatever mode the source is in.
            dst.execute("PRAGMA journal_mode=DELETE")
            problems = [row[0] for row in dst.execute("PRAGMA integrity_check")]
        finally:
            dst.close()
        if problems != ["ok"]:
            raise BackupFailed(f"the copy failed its integrity check: {'; '.join(problems[:5])}")
        os.replace(tmp_name, dst_path)
    except sqlite3.Error as exc:
        raise BackupFailed(f"backup of {src_path} failed: {exc}") from None
    finally:
        src.close()
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return Backup(path=dst_path, size=dst_path.stat().st_size)
