"""The queue at a glance (/healthz?detail=1, the admin) and its upkeep (manage.py maintain_tasks)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def task_row(status: str, *, age: timedelta = timedelta(0), **fields) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="assessments.report.services.render_report",
        backend_name="default",
        run_after=get_date_max(),
        **fields,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - age)
    return row


@pytest.fixture
def queue() -> None:
    task_row(TaskResultStatus.READY, age=timedelta(seconds=90))
    task_row(TaskResultStatus.READY)
    task_row(TaskResultStatus.RUNNING, started_at=timezone.now())
    task_row(TaskResultStatus.FAILED, finished_at=timezone.now())


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="sam", is_staff=True, is_superuser=True))
    return client


def test_staff_see_the_queue_on_the_detailed_health_check(staff_client, queue):
    body = staff_client.get("/healthz?detail=1").json()
    assert body["tasks"]["queued"] == 2 and body["tasks"]["running"] == 1 and body["tasks"]["failed"] == 1
    assert 89 <= body["tasks"]["oldest_queued_seconds"] < 120


def test_others_get_no_detail_and_the_plain_check_stays_plain(client, alice_client, queue):
    assert client.get("/healthz?detail=1").status_code == 403
    assert alice_client.get("/healthz?detail=1").content.decode() == "Only staff can see the details."
    assert client.get("/healthz").content == b"ok"


def test_the_admin_task_list_shows_the_counts(staff_client, queue):
    page = staff_client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert "2 queued, 1 running and 1 failed tasks; the oldest queued task has waited 9" in page


def test_maintenance_requeues_tasks_of_dead_workers_and_prunes_old_finished_rows(settings, capsys, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as deployed
    stuck = task_row(TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=10))
    busy = task_row(TaskResultStatus.RUNNING, started_at=timezone.now())
    old = task_row(TaskResultStatus.SUCCESSFUL, finished_at=timezone.now() - timedelta(days=8))
    recent = task_row(TaskResultStatus.SUCCESSFUL, finished_at=timezone.now())
    with caplog.at_level(logging.INFO, logger="django_tasks_db"):
        call_command("maintain_tasks", lease=300, keep_days=7)
    assert "Requeued 1 abandoned task(s)." in capsys.readouterr().out
    assert "Deleted 1 task result(s)" in caplog.text
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY and busy.status == TaskResultStatus.RUNNING
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=recent.pk).exists()
