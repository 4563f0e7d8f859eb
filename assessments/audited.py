"""The queryset and base class every audited model uses, so that `QuerySet.update()` is in the trail like `save()`.

django-simple-history records `save()` and `delete()` (through signals); Django sends no signal for an
UPDATE statement, and most writes here are conditional updates (`save_if_unchanged`). Every audited model's
module imports this one (assessments.models and the api, webhooks and sso models), and the audit app imports
those models: so this lives beside the models, outside the audit package, and imports nothing of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.db import models, router, transaction

M = TypeVar("M", bound=models.Model)


class Recorder(Protocol):
    def audited_update(self, queryset: Any, changes: dict[str, Any], update: Callable[..., int]) -> int: ...

    def lock_organisations_of(self, queryset: Any) -> None: ...


# assessments.audit.trail, set when the audit app is ready (a module that imports the models could not be
# imported from here): until then, and in migrations, writes go through unaudited.
RECORDER: list[Recorder] = []


class AuditedQuerySet(models.QuerySet[M]):
    def update(self, **kwargs: Any) -> int:
        if not RECORDER:
            return super().update(**kwargs)
        return RECORDER[0].audited_update(self, kwargs, super().update)

    def _fetch_all(self) -> None:
        # An explicit row lock (select_for_update) takes the organisation's lock first, as every audited
        # write does, so that two transactions never hold the two locks in opposite orders.
        if self._result_cache is None and self.query.select_for_update and RECORDER:
            RECORDER[0].lock_organisations_of(self)
        super()._fetch_all()


class AuditedModel(models.Model):
    """A model whose `save()` is one transaction with its audit entry, even when the caller opened none.

    (Model.delete() and QuerySet.delete() already run in a transaction, with their signals inside.)
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
