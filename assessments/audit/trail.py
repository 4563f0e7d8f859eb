"""What writes the trail: receivers on every audited model's writes, and the audited UPDATE.

Order of locks, to keep two writers from waiting on each other: before anything of an organisation is
written, its row is locked (the lock the services already take for their own checks), then the chain's head.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from assessments import audited
from assessments.audit import chain
from assessments.audit.models import ACCOUNT_CHAIN, AUDITED, AuditEntry
from assessments.audit.records import RECORDS
from assessments.models import Organisation

# How a row reads on the trail page; plain data of the row, in no particular language.
LABELS: dict[str, Callable[[Any], str]] = {
    "assessments.organisation": lambda o: o.name,
    "assessments.assessment": lambda a: a.name,
    "assessments.rating": lambda r: r.label,
    "assessments.charter": lambda c: f"v{c.number}",
    "assessments.chartersignature": lambda s: s.name,
    "assessments.membership": lambda m: m.user.get_username(),
    "assessments.invitation": lambda i: i.email,
    "sso.domainrule": lambda r: r.domain,
    "assessments.apitoken": lambda t: f"{t.name} ({t.prefix}…)",
    "assessments.webhook": lambda w: w.url,
}

HISTORY_TYPES = {
    "+": AuditEntry.Action.CREATED,
    "~": AuditEntry.Action.CHANGED,
    "-": AuditEntry.Action.DELETED,
}


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _tracked(model: type[models.Model]) -> list[str]:
    """The attribute names of the fields the trail shows for `model`."""
    quiet = set(AUDITED[model][1])
    return [f.attname for f in model._meta.concrete_fields if f.name not in quiet and f.attname not in quiet]


def _values(instance: models.Model) -> dict[str, Any]:
    # Through JSON once, so what is compared is what the entry stores (dates as ISO 8601, decimals as text).
    return chain.json_safe({name: getattr(instance, name) for name in _tracked(type(instance))})


def _chain_of(instance: models.Model) -> int:
    """The organisation whose chain the instance's entries join."""
    path = AUDITED[type(instance)][0]
    if path == "pk":
        return int(instance.pk)
    if "__" not in path:
        return int(getattr(instance, path))
    name, rest = path.split("__", 1)
    field = instance._meta.get_field(name)
    if field.is_cached(instance):  # type: ignore[union-attr]
        return int(getattr(getattr(instance, name), rest))
    related = field.related_model._base_manager  # type: ignore[union-attr]
    return int(related.filter(pk=getattr(instance, field.attname)).values_list(rest, flat=True).get())  # type: ignore[union-attr]


def _lock_organisation(key: int) -> None:
    Organisation._base_manager.select_for_update().filter(pk=key).values_list("pk").first()


def _before_write(instance: models.Model, *, deleting: bool) -> None:
    """Lock the organisation first and note what the row holds now, for the entry written after the change."""
    if instance.pk is None or getattr(instance, "_state", None) is None:
        return
    if instance._state.adding and not deleting:
        return
    key = _chain_of(instance)
    instance._audit_chain = key  # type: ignore[attr-defined]
    _lock_organisation(key)
    if deleting:
        instance._audit_before = _values(instance)  # type: ignore[attr-defined]
    else:
        row = type(instance)._base_manager.filter(pk=instance.pk).values(*_tracked(type(instance))).first()
        instance._audit_before = chain.json_safe(row) if row else None  # type: ignore[attr-defined]


@receiver(pre_save, dispatch_uid="audit-before-save")
def before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if sender in AUDITED and not raw:
        _before_write(instance, deleting=False)


@receiver(pre_delete, dispatch_uid="audit-before-delete")
def before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if sender in AUDITED:
        _before_write(instance, deleting=True)


EMPTY: tuple[Any, ...] = (None, "", {}, [])


def _changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    """{field: [before, after]} for each field that differs; a created or deleted row's empty fields are left out."""
    before, after = before or {}, after or {}
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
        and not (before.get(name) in EMPTY and after.get(name) in EMPTY)
    }


@receiver(post_create_historical_record, dispatch_uid="audit-entry")
def write_entry(sender: Any, instance: models.Model, history_instance: Any, **kwargs: Any) -> None:
    model = type(instance)
    if model not in AUDITED:
        return
    kind = history_instance.history_type
    before = getattr(instance, "_audit_before", None) if kind != "+" else None
    after = _values(instance) if kind != "-" else None
    changes = _changes(before, after)
    if kind == "~" and not changes:
        return  # only bookkeeping moved (a version number, a counter)
    key = getattr(instance, "_audit_chain", None)
    if key is None:
        key = _chain_of(instance)
        _lock_organisation(key)
    chain.append(
        chain=key,
        action=HISTORY_TYPES[kind],
        object_type=_label(model),
        object_id=instance.pk if instance.pk is not None else history_instance.id,
        object_label=LABELS.get(_label(model), lambda _: "")(instance),
        changes=changes,
        actor=history_instance.history_user,
        history_id=history_instance.history_id,
    )
    for name in ("_audit_before", "_audit_chain"):
        instance.__dict__.pop(name, None)


def lock_organisations_of(queryset: models.QuerySet[Any]) -> None:
    path = AUDITED.get(queryset.model, ("pk", ()))[0]
    if path == "pk":
        return  # an organisation's own row is its lock
    keys = queryset._chain()  # type: ignore[attr-defined]
    keys.query.select_for_update = False
    for key in sorted(set(keys.values_list(path, flat=True))):
        _lock_organisation(key)


def audited_update(
    queryset: models.QuerySet[Any], changes: dict[str, Any], update: Callable[..., int]
) -> int:
    """QuerySet.update() with an entry per changed row, in the same transaction."""
    model = queryset.model
    quiet = set(AUDITED.get(model, ("", ()))[1])
    if model not in AUDITED or set(changes) <= quiet:
        return update(**changes)
    with transaction.atomic(using=queryset.db):
        # The rows locked (their organisations first, see AuditedQuerySet): what matches now is what changes.
        rows = queryset.select_for_update().values(
            "pk", *_tracked(model), audit_chain_key=F(AUDITED[model][0])
        )
        before = {row["pk"]: row for row in rows.order_by()}
        if not before:
            return 0
        count = model._base_manager.filter(pk__in=list(before)).update(**changes)
        records = RECORDS[model]
        for instance in model._base_manager.filter(pk__in=list(before)):
            row = before[instance.pk]
            instance._audit_chain = row["audit_chain_key"]
            instance._audit_before = chain.json_safe(
                {k: v for k, v in row.items() if k not in ("pk", "audit_chain_key")}
            )
            records.create_historical_record(instance, "~")
    return count


@receiver(user_logged_in, dispatch_uid="audit-sign-in")
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    method = getattr(request, "audit_sign_in_method", "") if request is not None else ""
    if not method:
        backend = getattr(user, "backend", "") or ""
        method = "single sign-on" if "allauth" in backend else "password"
    chain.append(
        chain=ACCOUNT_CHAIN,
        action=AuditEntry.Action.SIGNED_IN,
        object_type="auth.user",
        object_id=user.pk,
        object_label=user.get_username(),
        changes={"method": [None, method]},
        actor=user,
    )


# The audited models' querysets call back here (assessments.audited cannot import this module).
audited.RECORDER[:] = [sys.modules[__name__]]
