"""Issue 15: reports rendered in the background by a real `db_worker`, measured through gunicorn.

Completion → report downloadable, one worker's throughput and memory, and pages while users edit and
download reports (bench/render_pressure.py's users), with the renders at their configured priority and,
side by side, at normal priority.
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessments.models import Assessment, ReportCache, ReportStatus
from assessments.report import services as reports

from . import render_pressure
from .common import QUICK, Figure, log, p95
from .data import Dataset
from .server import DbWorker, Gunicorn

POLL_S = 0.05  # how often the "person" asks for the report after completing; the figures' resolution
THROUGHPUT_RENDERS = 6 if QUICK else 24
# Time budgets, so a machine busy with other work (renders run at lower priority) cannot stretch the run.
COMPLETION_BUDGET_S = 20.0 if QUICK else 60.0
THROUGHPUT_BUDGET_S = 20.0 if QUICK else 60.0
MIN_COMPLETIONS = 5
CYCLES = 1 if QUICK else 2
IDLE_S = 4.0 if QUICK else 8.0
BUSY_S = 10.0 if QUICK else 20.0
COMPLETION_TARGET_S = 2.0
RATIO_TARGET = 2.0
RENDERS = "assessments.report.services.render_report"


def drain(timeout: float = 120) -> dict[str, float]:
    """Wait until the queue is empty (deferred renders included); how many tasks ran and for how long.

    On a machine busy with other work the renders (at lower priority) can take a long time: after `timeout`
    the tasks not yet started are cancelled, so the next measurement starts from an empty queue all the same.
    """
    start = time.monotonic()
    pending = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    cancelled = 0
    while pending.exists():
        if time.monotonic() - start > timeout and not cancelled:
            cancelled = DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()[0]
            log(f"worker: {cancelled} queued tasks cancelled after {timeout:.0f} s (the machine is busy)")
        if time.monotonic() - start > timeout + 120:
            raise RuntimeError(f"the worker still runs a task {timeout + 120:.0f} s on")
        time.sleep(0.2)
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    if failed:
        raise RuntimeError(f"{failed} background tasks failed; see var/bench/worker.log")
    return {
        "tasks": DBTaskResult.objects.count(),
        "seconds": time.monotonic() - start,
        "cancelled": cancelled,
    }


def warm_up(demo_pk: int) -> dict[str, float]:
    """Render only the demo report (pages and downloads use it); cancel the other renders the data queued."""
    demo = ReportCache.objects.get(assessment_id=demo_pk, public=False)
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=RENDERS)
    cancelled = queued.exclude(args_kwargs__kwargs__report_id=demo.pk).delete()[0]
    return drain() | {"cancelled_at_start": cancelled}


def completion(server: Gunicorn, dataset: Dataset, *, normal_priority: bool = False) -> Figure:
    """Complete drafts through their review page, then ask for each report every 50 ms until it is the PDF.

    With `normal_priority`, the same against the worker started with REPORT_RENDER_NICE=0 (the caller starts
    it), on drafts of its own: what the priority costs a person when the machine is busy.
    """
    session = render_pressure.login(server.base, dataset.completer)
    half = len(dataset.drafts) // 2
    drafts = dataset.drafts[half:] if normal_priority else dataset.drafts[:half]
    budget = COMPLETION_BUDGET_S / 2 if normal_priority else COMPLETION_BUDGET_S
    waits: list[float] = []
    started = time.monotonic()
    for n, pk in enumerate(drafts):
        if len(waits) >= MIN_COMPLETIONS and time.monotonic() - started > budget:
            break
        review = f"{server.base}/assessments/{pk}/review/"
        fields = dict(
            re.findall(r'name="(csrfmiddlewaretoken|version)" value="([^"]*)"', session.get(review).text)
        )
        posted = session.post(review, data=fields, headers={"Referer": server.base}, allow_redirects=False)
        assert posted.status_code == 302, f"completing draft {pk}: HTTP {posted.status_code}"
        completed = time.perf_counter()
        while True:
            response = session.get(f"{server.base}/assessments/{pk}/report.pdf", allow_redirects=False)
            if response.status_code == 200 and response.content.startswith(b"%PDF"):
                break
            assert response.status_code == 202, f"report of {pk}: HTTP {response.status_code}"
            assert time.perf_counter() - completed < 120, f"report of {pk} not ready after 120 s"
            time.sleep(POLL_S)
        if n:  # the first round warms the path; not counted
            waits.append(time.perf_counter() - completed)
    high = p95(waits)
    extra = {"p95": high, "poll_s": POLL_S, "load_average": os.getloadavg(), "budget_s": budget}
    if normal_priority:
        return Figure(
            "reports.completion.nice0",
            "… the same with the renders at normal priority (a worker started with `REPORT_RENDER_NICE=0`)",
            "s",
            waits,
            extra=extra,
        )
    return Figure(
        "reports.completion",
        "Completion → report downloadable (review page POST answered → first download that is the PDF; "
        "one `db_worker`, interval 0.5 s)",
        "s",
        waits,
        target=f"p95 ≤ {COMPLETION_TARGET_S:g} s",
        holds=high <= COMPLETION_TARGET_S,
        extra=extra,
    )


def throughput(worker: DbWorker) -> tuple[list[Figure], dict[str, Any]]:
    """Queue renders of completed assessments at once; time until all are stored, and the worker's memory."""
    idle_own, _ = worker.rss_mb()
    targets = list(
        Assessment.objects.completed().filter(organisation__name="Deep 100", reports__isnull=True)
        .select_related("organisation", "created_by")[:THROUGHPUT_RENDERS]
    )  # fmt: skip
    started = time.perf_counter()
    queued_at = timezone.now()
    for assessment in targets:
        reports.request_report(assessment=assessment, size="a4")
    rows = ReportCache.objects.filter(assessment__in=targets, status=ReportStatus.READY)
    peak_own = peak_total = 0.0
    stored = 0
    while stored < len(targets) and time.perf_counter() - started < THROUGHPUT_BUDGET_S:
        own, total = worker.rss_mb()
        peak_own, peak_total = max(peak_own, own), max(peak_total, total)
        time.sleep(0.1)
        stored = rows.count()
    elapsed = time.perf_counter() - started
    assert stored, f"no render finished in {THROUGHPUT_BUDGET_S:.0f} s"
    tasks = DBTaskResult.objects.filter(
        task_path=RENDERS, enqueued_at__gte=queued_at, status=TaskResultStatus.SUCCESSFUL
    )
    durations = [
        (t.finished_at - t.started_at).total_seconds() for t in tasks if t.started_at and t.finished_at
    ]
    per_minute = stored / elapsed * 60
    everything = (
        "all stored" if stored == len(targets) else f"{stored} stored within {THROUGHPUT_BUDGET_S:.0f} s"
    )
    figures = [
        Figure(
            "worker.throughput",
            f"One worker's render throughput: {len(targets)} reports queued at once, {everything}",
            "reports/min",
            [per_minute],
            extra={"elapsed_s": elapsed, "renders": stored, "queued": len(targets)},
        ),
        Figure("worker.render", "… one render in the worker (task start → stored)", "s", durations),
        Figure("worker.rss.idle", "Worker RSS between renders (Django + WeasyPrint, warm)", "MB", [idle_own]),
        Figure(
            "worker.rss.peak",
            "Worker peak RSS while rendering (the worker and its render child)",
            "MB",
            [peak_total],
            extra={"worker_alone_mb": peak_own},
        ),
    ]
    return figures, {"renders": stored, "elapsed_s": elapsed, "load_average": os.getloadavg()}


def pressure(server: Gunicorn, dataset: Dataset, worker: DbWorker) -> tuple[list[Figure], dict[str, Any]]:
    """Pages while users edit and download reports, with the renders at the configured priority and at
    normal priority, interleaved: CYCLES × (idle, loop niced, idle, loop at normal priority), then idle.

    Interleaving puts a drift in the machine's other work on both kinds alike. Every idle window's samples
    are pooled, and each kind of loop's. The worker is swapped for one started with REPORT_RENDER_NICE=0
    (and back) between loops; `worker` (the configured one, warm) is stopped at the first swap.
    """
    base = server.base
    probe = render_pressure.login(base, dataset.probe_user.username)
    urls = [f"{base}/healthz", f"{base}/assessments/{dataset.probe_user.assessment}/results/"]
    users = dataset.pressure_users
    nice = settings.REPORT_RENDER_NICE  # what the worker runs with: the bench leaves it as configured
    kinds = {"niced": {}, "normal": {"REPORT_RENDER_NICE": "0"}}
    idle: list[dict[str, list[float]]] = []
    busy: dict[str, list[dict[str, list[float]]]] = {kind: [] for kind in kinds}
    loops: dict[str, list[render_pressure.Loop]] = {kind: [] for kind in kinds}
    current = worker
    try:
        for cycle in range(CYCLES):
            for kind, env in kinds.items():
                if current.env != env:
                    current.__exit__(None, None, None)
                    current = DbWorker(env=env, name=f"worker-{kind}").__enter__()
                    warm_worker(current)
                idle.append(render_pressure.window(base, probe, urls, IDLE_S)[0])
                log(f"pressure {cycle + 1}/{CYCLES}: {len(users)} users edit and download, renders {kind}")
                times, loop = render_pressure.window(base, probe, urls, BUSY_S, users)
                busy[kind].append(times)
                loops[kind].append(loop)
                drain(timeout=30)  # the idle windows are idle: no render left over from a loop
        idle.append(render_pressure.window(base, probe, urls, IDLE_S)[0])
    finally:
        current.__exit__(None, None, None)
    summaries = {kind: render_pressure.summary(idle, windows) for kind, windows in busy.items()}
    figures = []
    for url, name in zip(urls, ("healthz", "results"), strict=True):
        label = "`/healthz`" if name == "healthz" else "Results page"
        for key, kind, how, target in (
            (f"pressure.{name}", "niced", f"renders at nice {nice}, as configured", True),
            (
                f"pressure.{name}.nice0",
                "normal",
                "renders at normal priority (`REPORT_RENDER_NICE=0`)",
                False,
            ),
        ):
            s = summaries[kind][url]
            figures.append(
                Figure(
                    key,
                    f"{label} p95 while {len(users)} users edit and download reports in a loop; {how}",
                    "s",
                    [s["busy_p95"]],
                    ratios=[s["ratio"]],
                    reference="idle p95 (every idle window, interleaved with the loops)",
                    target=f"≤ {RATIO_TARGET:g}× idle" if target else "",
                    holds=s["ratio"] <= RATIO_TARGET if target else None,
                    extra=s,
                )
            )
    edit_to_pdf = {kind: [t for loop in runs for t in loop.edit_to_pdf_s] for kind, runs in loops.items()}
    for kind, how in (("niced", f"nice {nice}"), ("normal", "normal priority")):
        if edit_to_pdf[kind]:
            figures.append(
                Figure(
                    "pressure.edit_to_pdf" + ("" if kind == "niced" else ".nice0"),
                    f"… a user's edit saved → that edit's PDF in hand, renders at {how} (profile edits settle "
                    "2 s; the preparing page reloads every 2 s)",
                    "s",
                    edit_to_pdf[kind],
                    extra={"p95": p95(edit_to_pdf[kind])},
                )
            )
    notes = {
        "idle_s": IDLE_S,
        "busy_s": BUSY_S,
        "cycles": CYCLES,
        "users": len(users),
        "probe_gap_s": render_pressure.PROBE_GAP_S,
        "render_nice": nice,
        "loops": {kind: [loop.as_json() for loop in runs] for kind, runs in loops.items()},
        "renders": {kind: len(times) for kind, times in edit_to_pdf.items()},
        "summaries": summaries,
        "load_average": os.getloadavg(),
    }
    return figures, notes


def completion_at_normal_priority(server: Gunicorn, dataset: Dataset) -> Figure:
    with DbWorker(env={"REPORT_RENDER_NICE": "0"}, name="worker-normal-completion") as plain:
        warm_worker(plain)
        return completion(server, dataset, normal_priority=True)


def warm_worker(worker: DbWorker) -> None:
    """One render, so the worker has imported WeasyPrint before it is measured."""
    assessment = (
        Assessment.objects.completed().filter(organisation__name="Deep 100", reports__isnull=True)
        .select_related("organisation", "created_by").first()
    )  # fmt: skip
    assert assessment is not None
    reports.request_report(assessment=assessment, size="a4")
    drain()
    assert worker.has_loaded("libpango")
