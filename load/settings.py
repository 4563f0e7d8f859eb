"""The app's settings with the SQLite file moved, so a load run never touches var/caio.sqlite3.

DATABASE_URL=sqlite:///… would move the file too, but would lose the WAL and IMMEDIATE options that
caio/settings.py sets only for its own SQLite file; the load test must measure those.
"""

from __future__ import annotations

import os

from caio.settings import *  # noqa: F403
from caio.settings import DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = os.environ["CAIO_LOAD_SQLITE"]
