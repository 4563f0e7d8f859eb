"""The board-ready PDF report: a normal template, rendered by WeasyPrint in a forked child with a time limit,
at lower CPU priority than page requests (yield_cpu).

WeasyPrint is imported lazily (it costs ~0.5 s) but in the parent, so every forked child inherits the import,
the parsed stylesheet and the warmed font configuration. Only the background worker renders
(assessments.report.services.render_report); web requests serve the stored file (assessments.report.services).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import gc
import hashlib
import json
import logging
import mimetypes
import multiprocessing
import os
import re
import signal
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

from assessments import languages, people
from assessments.charter import presenters as charter_presenters
from assessments.engine import translate
from assessments.models import Assessment, Organisation
from assessments.presenters.results import result_blocks, results_context
from assessments.validators import clip_for_report

logger = logging.getLogger(__name__)

# Bump when the report template or its stylesheet changes, so cached PDFs are rendered afresh.
REPORT_TEMPLATE_VERSION = "7"
REPORT_RENDER_TIMEOUT = 20.0  # seconds
# The page rule added to report.css for each size (report.css sets the margins for both).
PAGE_SIZES = {
    "a4": "@page { size: A4 }",
    "letter": "@page { size: letter }",
}
TEMPLATE = "assessments/report/report.html"
STYLESHEET = "css/report.css"
# {% static %} URLs are joined onto this base; the fetcher maps it to files, nothing goes over the network.
STATIC_BASE_URL = "https://static.caio-advisor.invalid/"
# Touches every face the report uses (serif, sans, mono; bold, italic; SVG text) so their fonts load once.
_WARM_UP_HTML = (
    '<html lang="en"><title>w</title><h2>Aa 1</h2><p class="cover-org">Bb</p><p>Cc <b>Dd</b> <q>Ee</q></p>'
    '<table class="table-raci"><tr><td class="raci">AR</td></tr></table>'
    '<svg viewBox="0 0 10 10" width="10" height="10"><text x="0" y="9" font-size="9">Ff</text></svg></html>'
)


class RenderError(Exception):
    """The renderer failed; the message says why."""


class RenderTimeout(RenderError):
    """The render took longer than its time limit and was stopped."""


class ReportTooLong(RenderError):
    """The report would have more pages than settings.REPORT_MAX_PAGES."""


TOO_LONG = "too long"  # how a stored failure says the report was refused for its length


def page_size(value: str | None) -> str:
    """A known page size key; anything unknown falls back to A4."""
    return value if value in PAGE_SIZES else "a4"


# --- context -----------------------------------------------------------------------------------------


def report_context(assessment: Assessment, *, public: bool = False) -> dict[str, Any]:
    """The results page's context plus what only the report shows (cover, profile, metadata)."""
    organisation = assessment.organisation
    profile = {
        "name": organisation.name,
        "sector": organisation.sector,
        "region": organisation.region,
        # Bounded again here: notes stored before the form's limit existed could cost many pages.
        "notes": clip_for_report(organisation.notes),
    }
    # A shared (public) report names no member: not who assessed, nor the raters.
    # People by name where they gave one (the username otherwise); a shared report names nobody.
    creator = assessment.created_by
    assessed_by = people.display_name(creator) if creator and not public else "—"
    completed = assessment.completed_at or assessment.created_at
    context = (
        results_context(assessment, anonymous=public)
        | _report_meta(assessment.result or {}, profile, assessed_by, timezone.localdate(completed))
        | _charter_context(organisation, public=public)
    )
    if context["charter"] is None:
        return context
    return context | {
        "result": charter_presenters.obligations_with_charter_roles(context["result"], context["charter"])
    }


def _charter_context(organisation: Organisation, *, public: bool) -> dict[str, Any]:
    """The organisation's latest agreed boundary charter ("Agreed boundaries"); a shared report names no signer."""
    if not organisation.charter_digest:
        return {"charter": None}
    charter = charter_presenters.latest_agreed(organisation)
    if charter is None:
        return {"charter": None}
    return {
        "charter": charter,
        "charter_matrix": charter_presenters.matrix_view(charter.content, charter.advice),
        "charter_signatures": [] if public else list(charter.signatures.all()),
    }


def document_report_context(document: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The same context for a caio-assessment document scored outside the database (render_report)."""
    context = result_blocks(result)
    profile = {"notes": "", "sector": "", "region": ""} | document["organisation"]
    return context | _report_meta(result, profile, "—", timezone.localdate())


def _report_meta(
    result: dict[str, Any], profile: dict[str, str], assessed_by: str, on: date
) -> dict[str, Any]:
    name = profile["name"]
    label = translate(result["recommendation_label"], languages.wording())
    return {
        "in_pdf": True,
        "organisation": profile,
        "report": {
            "title": gettext("CAIO assessment: {name}").format(name=name),
            "subject": gettext("Does {name} need a Chief AI Officer? {advice}").format(
                name=name, advice=label
            ),
            "assessed_by": assessed_by,
            "date": on,
            "methodology_version": result["methodology_version"],
            "template_version": REPORT_TEMPLATE_VERSION,
            "margin_css": margin_css(),
        },
    }


def margin_css() -> SafeString:
    """The page margins' words (report.css has them in English) in the active language, as a CSS rule.

    The report's own <style> comes after report.css in WeasyPrint's cascade, so these win. Each phrase is a
    CSS string escaped character by character: a translation cannot end the string or the style element.
    """
    page = gettext("Page {page} of {pages}")
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    parts = [counters.get(part) or _css_string(part) for part in re.split(r"(\{pages?\})", page) if part]
    running_title = _css_string(gettext("CAIO assessment"))
    prepared_with = _css_string(gettext("Prepared with CAIO Advisor"))
    return mark_safe(  # noqa: S308 - every phrase passed through _css_string
        "@page {"
        f" @top-right {{ content: {running_title}; }}"
        f" @bottom-left {{ content: {prepared_with}; }}"
        f" @bottom-right {{ content: {' '.join(parts)}; }}"
        " }"
    )


def _css_string(text: str) -> str:
    return '"' + "".join(c if c.isalnum() or c in " .,:;-'’()" else f"\\{ord(c):x} " for c in text) + '"'


def render_report_html(context: dict[str, Any]) -> str:
    return render_to_string(TEMPLATE, context)


# --- cache key -------------------------------------------------------------------------------------------


_CREATOR = object()  # "ask the assessment for its creator" (one query unless select_related)


def report_cache_key(
    assessment: Assessment,
    *,
    size: str,
    public: bool = False,
    language: str = "en",
    assessed_by: Any = _CREATOR,
) -> str:
    """sha256 of everything that shapes the PDF: any change to the assessment or its organisation changes it,
    and so does the report's language.

    `assessed_by` is the creator's name as the report prints it, when the caller already has it (saves a query).
    """
    if assessed_by is _CREATOR:
        assessed_by = people.display_name(assessment.created_by) if assessment.created_by else None
    organisation = assessment.organisation
    shape = {
        "result": assessment.result,
        "answers": assessment.answers,
        "organisation": [organisation.name, organisation.sector, organisation.region, organisation.notes],
        "charter": organisation.charter_digest,  # the agreed boundary charter the report prints
        "assessed_by": assessed_by,
        "name": assessment.name,
        "completed_at": assessment.completed_at.isoformat() if assessment.completed_at else None,
        "methodology_version": assessment.methodology_version,
        "template_version": REPORT_TEMPLATE_VERSION,
        "size": size,
        "public": public,
        "language": language,
    }
    canonical = json.dumps(shape, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def report_pdf(
    assessment: Assessment, *, size: str = "a4", timeout: float | None = None, public: bool = False
) -> bytes:
    """Render the PDF of a completed assessment now (the worker's job; storing it is assessments.report.services')."""
    html = render_report_html(report_context(assessment, public=public))
    if settings.REPORT_RENDERER == "fake":
        return fake_render(html, size=page_size(size))
    return render_pdf(html, size=size, timeout=timeout)


def fake_render(html: str, *, size: str) -> bytes:
    """A stand-in for WeasyPrint (REPORT_RENDERER=fake) so queue tests and benchmarks measure the queue."""
    time.sleep(settings.REPORT_FAKE_RENDER_MS / 1000)
    return (
        b"%PDF-1.7\n% fake report, " + size.encode() + b", " + str(len(html)).encode() + b" bytes of HTML\n"
    )


def report_filename(assessment: Assessment, *, language: str = "en") -> str:
    """name-caio-assessment-2026-11-30.pdf; a report in French or German ends -fr.pdf or -de.pdf."""
    name = slugify(assessment.organisation.name)[:80].strip("-") or "organisation"
    completed = assessment.completed_at or assessment.created_at
    suffix = "" if language == "en" else f"-{language}"
    return f"{name}-caio-assessment-{timezone.localdate(completed):%Y-%m-%d}{suffix}.pdf"


# --- rendering ---------------------------------------------------------------------------------------


def render_pdf(html: str, *, size: str = "a4", timeout: float | None = None) -> bytes:
    """Render in a forked child; past `timeout` seconds the child is killed and RenderTimeout raised."""
    limit = REPORT_RENDER_TIMEOUT if timeout is None else timeout
    _toolkit()  # import, parse and warm up in the parent so the fork starts hot
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, html, page_size(size)), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limit):
            child.kill()
            logger.error("PDF report render took longer than %.1f s and was stopped", limit)
            raise RenderTimeout(f"The report took longer than {limit:g} s to build")
        try:
            status, payload = receiver.recv()
        except EOFError:
            status, payload = "error", f"the renderer exited with code {child.exitcode}"
    finally:
        receiver.close()
        child.join(5)
    if status == "too_long":
        logger.warning("PDF report refused: %s pages, more than %s", payload, settings.REPORT_MAX_PAGES)
        raise ReportTooLong(f"The report would have {payload} pages")
    if status != "ok":
        logger.error("PDF report render failed: %s", payload)
        raise RenderError(payload)
    return bytes(payload)


def _child_main(sender: Any, html: str, size: str) -> None:
    # The child lives for one render: garbage collection would only cost time (and copy the parent's pages).
    gc.disable()
    try:
        yield_cpu(settings.REPORT_RENDER_NICE)
        sender.send(("ok", _write_pdf(html, size)))
    except ReportTooLong as exc:
        sender.send(("too_long", exc.args[0]))
    except BaseException as exc:  # report every failure to the parent instead of dying silently
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def yield_cpu(niceness: int) -> None:
    """Lower this process's CPU priority, so that web requests on the same machine are scheduled first.

    On Linux with autogroup scheduling (the default of most distributions) a nice value only counts against
    processes of the same session, and process managers (honcho, systemd) start the web server
    and the worker in sessions of their own: `nice db_worker` then changes nothing. So the render child starts
    a session of its own and gives that session's scheduling group the nice value (/proc/self/autogroup);
    it also lowers its own, which is what counts where autogroups are off or every process shares one cgroup
    (a container). Out of the worker's process group, it asks to be killed if the worker dies.
    """
    if niceness <= 0:
        return
    if sys.platform == "linux":
        parent = os.getppid()
        os.setsid()
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the worker died before prctl took effect
            os._exit(1)
        for _ in range(5):  # the kernel accepts one autogroup change per 0.1 s, machine-wide
            try:
                Path("/proc/self/autogroup").write_text(str(niceness))
                break
            except OSError as exc:
                if exc.errno != errno.EAGAIN:
                    break  # no autogroups here (kernel option off): the nice value below does the work
                time.sleep(0.03)
    current = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, max(current, min(niceness, 19)))


def _write_pdf(html: str, size: str) -> bytes:
    kit = _toolkit()
    options = {"stylesheets": kit.stylesheets[size], "pdf_variant": "pdf/ua-1"}
    document = kit.html_class(string=html, base_url=STATIC_BASE_URL, url_fetcher=kit.fetcher).render(
        font_config=kit.font_config, **options
    )
    # Laid out first, written only if it is a sensible length: a report is about four pages.
    if len(document.pages) > settings.REPORT_MAX_PAGES:
        raise ReportTooLong(len(document.pages))
    result: bytes = document.write_pdf(**options)
    return result


class _Toolkit(NamedTuple):
    html_class: Any
    fetcher: Any
    font_config: Any
    stylesheets: dict[str, list[Any]]


@functools.cache
def _toolkit() -> _Toolkit:
    """One WeasyPrint import, FontConfiguration and parsed CSS per process (measured ~10-20 % faster)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fetcher = static_only_fetcher()
    fonts = FontConfiguration()
    css_path = finders.find(STYLESHEET)
    if not isinstance(css_path, str):
        raise RenderError(f"static file {STYLESHEET} not found")
    base = weasyprint.CSS(filename=css_path, url_fetcher=fetcher, font_config=fonts)
    sheets = {key: [base, weasyprint.CSS(string=rule, font_config=fonts)] for key, rule in PAGE_SIZES.items()}
    kit = _Toolkit(weasyprint.HTML, fetcher, fonts, sheets)
    # Font lookup and shaping caches fill on first use; filling them here means every fork inherits them.
    warm_up = weasyprint.HTML(string=_WARM_UP_HTML, base_url=STATIC_BASE_URL, url_fetcher=fetcher)
    warm_up.write_pdf(stylesheets=sheets["a4"], font_config=fonts, pdf_variant="pdf/ua-1")
    return kit


# --- URL fetcher -------------------------------------------------------------------------------------


def static_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves `data:` URIs and the app's own static files, and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file_for_url(url)
            if path is None:
                logger.warning("PDF report: refused to fetch %.200r", url)
                raise ValueError(f"the report may only use its own static files, not {url[:200]!r}")
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher()


def static_file_for_url(url: str) -> str | None:
    """The real path of a static file that `url` names, or None when it names anything else."""
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        candidate: str | None = url2pathname(parts.path)
    elif url.startswith(STATIC_BASE_URL):
        relative = unquote(parts.path).lstrip("/").removeprefix(settings.STATIC_URL.lstrip("/"))
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        if not isinstance(found, str) and settings.STATIC_ROOT:  # collected (e.g. hashed) names
            found = os.path.join(settings.STATIC_ROOT, relative)
        candidate = found if isinstance(found, str) else None
    else:
        return None
    if candidate is None:
        return None
    real = os.path.realpath(candidate)
    inside = any(os.path.commonpath([real, root]) == root for root in _static_roots())
    return real if inside and os.path.isfile(real) else None


@functools.cache
def _static_roots() -> tuple[str, ...]:
    roots = [str(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        roots += [storage.location for storage in getattr(finder, "storages", {}).values()]
    return tuple(os.path.realpath(root) for root in roots)
