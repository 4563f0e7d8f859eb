"""Real `db_worker` processes: the queue end to end, and several workers sharing one PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessments import services
from assessments.models import ReportCache, ReportStatus
from tests.factories import OrganisationFactory, completed_assessment

pytestmark = [pytest.mark.workers, pytest.mark.django_db(transaction=True)]

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db["USER"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}{db['HOST'] or ''}{port}/{db['NAME']}"


@pytest.fixture
def workers(settings: Any, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Starts `manage.py db_worker` processes on the test database, with the fake renderer."""
    settings.TASKS = DATABASE_BACKEND  # this process enqueues into the database, as the web server does
    env = os.environ | {
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": DATABASE_BACKEND["default"]["BACKEND"],
        "REPORT_RENDERER": "fake",
        "REPORT_FAKE_RENDER_MS": "300",
    }
    started: list[subprocess.Popen[bytes]] = []

    def start(worker_id: str, *extra: str) -> subprocess.Popen[bytes]:
        command = [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id, "--no-reload"]
        with (tmp_path / f"{worker_id}.log").open("wb") as log:
            process = subprocess.Popen(
                [*command, "--interval", "0.1", "--no-startup-delay", *extra],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(10)


def _wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_real_worker_renders_the_report_the_web_page_then_serves(alice, alice_client, workers):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    url = f"/assessments/{assessment.pk}/report.pdf"
    assert alice_client.get(url).status_code == 202
    worker = workers("solo", "--batch")
    assert worker.wait(60) == 0
    response = alice_client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-1.7\n% fake report, a4")


def test_a_burst_of_profile_edits_renders_once_and_the_overtaken_renders_never_start(alice, workers):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    organisation = assessment.organisation
    for n in range(5):  # each save enqueues a render, to start once the edits have settled for 2 s
        organisation.refresh_from_db()
        services.update_organisation(
            organisation=organisation, data={"notes": f"Edit {n}"}, expected_version=organisation.version
        )
    renders = DBTaskResult.objects.filter(task_path="assessments.report.services.render_report")
    worker = workers("solo")
    _wait_for(lambda: not renders.exclude(status=TaskResultStatus.SUCCESSFUL).exists())
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(10) == 0
    # One render in all: the one asked for on completion and four of the edits' were overtaken before
    # they started, and dropped.
    assert sorted(t.return_value for t in renders) == ["dropped"] * 5 + ["stored"]
    report = ReportCache.objects.get(assessment=assessment)
    assert report.status == ReportStatus.READY and b"bytes of HTML" in bytes(report.pdf or b"")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres:///...): SQLite has no row locks, so workers cannot share it",
)
def test_three_workers_share_the_queue_render_each_report_once_and_survive_a_killed_worker(alice, workers):
    organisation = OrganisationFactory(owner=alice)
    for _ in range(60):  # each completion enqueues its report after commit
        completed_assessment(organisation=organisation)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 60
    victim, *_others = [workers(f"w{n}") for n in (1, 2, 3)]

    def victim_is_rendering() -> bool:
        return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, worker_ids=["w1"]).exists()

    _wait_for(victim_is_rendering)
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    orphan = DBTaskResult.objects.get(status=TaskResultStatus.RUNNING, worker_ids=["w1"])

    # The others drain the queue; the dead worker's task stays RUNNING until its lease runs out.
    _wait_for(lambda: not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists())
    _wait_for(lambda: DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 1)
    time.sleep(1.1)
    call_command("maintain_tasks", lease=1, verbosity=0)
    _wait_for(lambda: ReportCache.objects.filter(status=ReportStatus.READY).count() == 60)
    # A worker stores the report, then marks its task done: on a busy machine the last mark can lag.
    unfinished = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    _wait_for(lambda: not DBTaskResult.objects.filter(status__in=unfinished).exists())

    tasks = list(DBTaskResult.objects.all())
    assert len(tasks) == 60 and {t.status for t in tasks} == {TaskResultStatus.SUCCESSFUL}
    assert {t.return_value for t in tasks} == {"stored"}  # every report rendered and stored once
    assert len({t.args_kwargs["kwargs"]["report_id"] for t in tasks}) == 60
    orphan.refresh_from_db()
    assert orphan.worker_ids[0] == "w1" and orphan.worker_ids[1] in {"w2", "w3"}
    # Nobody else ran a task twice: the row lock handed each task to exactly one worker.
    assert sum(len(t.worker_ids) for t in tasks) == 61
    assert {t.worker_ids[-1] for t in tasks} >= {"w2", "w3"}
    assert all(bytes(pdf).startswith(b"%PDF") for pdf in ReportCache.objects.values_list("pdf", flat=True))
