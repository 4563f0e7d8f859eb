"""German dates: 5. März 2026, 5. März 2026, 14:30 (short: 5. März 2026, abbreviated months as in print)."""

from django.conf.locale.de.formats import *  # noqa: F403

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATETIME_FORMAT = "j. N Y, H:i"
