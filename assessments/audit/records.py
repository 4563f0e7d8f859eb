"""django-simple-history's recorder, remembered per model so that the trail can write a record for an UPDATE."""

from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

RECORDS: dict[type[models.Model], HistoricalRecords] = {}


class AuditRecords(HistoricalRecords):
    def finalize(self, sender: type[models.Model], **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            RECORDS[sender] = self
