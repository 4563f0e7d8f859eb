"""docs/benchmarks.md and docs/benchmarks.json from one run's figures and notes."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from .common import DOCS_DIR, SIZES, Figure, fmt

ROWS_PER_PAGE = 25  # the history page and the organisation list are paginated by 25
PAGE_NAMES = {
    "step": "Questionnaire step",
    "results": "Results page",
    "history": "Organisation history",
    "list": "Organisation list",
}


def write(figures: list[Figure], notes: dict[str, Any]) -> list[Path]:
    DOCS_DIR.mkdir(exist_ok=True)
    json_path = DOCS_DIR / "benchmarks.json"
    payload = {"figures": [f.as_json() for f in figures], "notes": notes}
    json_path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    md_path = DOCS_DIR / "benchmarks.md"
    md_path.write_text(Document(figures, notes).render())
    return [md_path, json_path]


def rerender() -> Path:
    """Write docs/benchmarks.md again from docs/benchmarks.json (after editing this module; no measuring)."""
    payload = json.loads((DOCS_DIR / "benchmarks.json").read_text())
    fields = ("key", "what", "unit", "runs", "ratios", "reference", "target", "holds", "note")
    figures = [Figure(**{k: f[k] for k in fields}, extra=f.get("extra", {})) for f in payload["figures"]]
    path = DOCS_DIR / "benchmarks.md"
    path.write_text(Document(figures, payload["notes"]).render())
    return path


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}×" if value >= 20 else f"{value:.2f}" if value < 1 else f"{value:.1f}×"


def _holds(figure: Figure) -> str:
    return {True: "yes", False: "**no**", None: ""}[figure.holds]


def _pct(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 or share == 0 else "<1%"


class Document:
    def __init__(self, figures: list[Figure], notes: dict[str, Any]) -> None:
        self.by_key = {f.key: f for f in figures}
        self.figures = figures
        self.notes = notes
        self.lines: list[str] = []

    def f(self, key: str) -> Figure | None:
        return self.by_key.get(key)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def render(self) -> str:
        self.header()
        self.summary()
        self.reports()
        self.all_figures()
        self.pages()
        self.queries()
        self.pdf()
        self.engine()
        self.where_time_goes()
        return "\n".join(self.lines).rstrip() + "\n"

    # --- sections -------------------------------------------------------------------------------------

    def header(self) -> None:
        m, load = self.notes["machine"], self.notes["load"]
        pressure = self.notes.get("pressure", {})
        quick = (
            " **Quick mode (BENCH_QUICK=1): fewer, shorter runs; rough figures.**"
            if self.notes["quick"]
            else ""
        )
        start, end = m["load_average_at_start"], m.get("load_average_at_end", ("?",) * 3)
        self.add(
            "# Benchmarks and performance budget",
            "",
            f"Written by `make bench` (`bench/run.py`) on **{self.notes['date']}**; do not edit by hand, run it "
            f"again.{quick} The whole run took {self.notes['elapsed_s'] / 60:.1f} minutes.",
            "",
            f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM; {m['os']}. "
            f"Python {m['python']}, Django {m['django']}, WeasyPrint {m['weasyprint']}, gunicorn {m['gunicorn']}, "
            f"SQLite {m['sqlite']}, {m['wrk']}, {m['chromium']}.",
            f"Load average (1/5/15 min) at the start {start[0]:.2f}/{start[1]:.2f}/{start[2]:.2f}, at the end "
            f"{end[0]:.2f}/{end[1]:.2f}/{end[2]:.2f}: on a shared 2-core machine other work competes with the "
            "bench, which is why the page figures are ratios measured side by side in the same run.",
            "",
            "**How:** a fresh SQLite database (`var/bench/bench.sqlite3`, WAL) with the demo account from "
            "`seed_demo` and, for each N in 1, 100 and 1,000, two accounts: `deep-N` (N completed assessments "
            "in one organisation, plus a draft) and `wide-N` (N organisations with one completed assessment "
            f"each); organisations are created with `{self.notes['organisation_factory']}` and completed "
            "assessments bulk-inserted with a result the app's own scorer produced. gunicorn "
            f"({load['workers']} sync workers, `DEBUG=0`, 127.0.0.1) and one `manage.py db_worker --interval "
            "0.5` run as the Procfile runs them, each in a session of its own; the worker renders every report "
            f"(its render child at nice {pressure.get('render_nice', '?')}, `REPORT_RENDER_NICE`), web requests "
            "only read stored ones. Figures are medians of their runs, or p95s where the target is a p95.",
            "",
        )

    def summary(self) -> None:
        self.add("## Targets", "", "| Target | Measured | Holds | Notes |", "|---|---|---|---|")
        e2e = self.f("engine.e2e")
        if e2e:
            startup = self.f("engine.startup")
            steady = self.f("engine.steady")
            why = ""
            if not e2e.holds and startup and steady:
                why = (
                    f"misses by {1 - e2e.median / 10_000:.0%}: start-up ({fmt(startup.median, 's')}, Python + "
                    f"Django) is part of the 10,000-profile run; once started it scores "
                    f"{fmt(steady.median, 'profiles/s')}"
                )
            elif startup:
                why = f"includes {fmt(startup.median, 's')} of start-up"
            self.add(
                f"| Engine end to end ≥ 10,000 profiles/s | {fmt(e2e.median, e2e.unit)} | {_holds(e2e)} | {why} |"
            )
        self._report_targets()
        counts = self.notes["query_counts"]
        unequal = [page for page, by in counts.items() if len(set(by.values())) > 1]
        self.add(
            "| Query counts equal at 1, 100 and 1,000 | "
            + ", ".join(
                f"{page} {sorted(set(by.values()))[0]}" for page, by in counts.items() if page not in unequal
            )
            + (f"; unequal: {', '.join(unequal)}" if unequal else "")
            + f" | {'**no**' if unequal else 'yes'} | also pinned in `tests/test_query_counts.py` |"
        )
        fresh = self.f("pdf.fresh")
        if fresh:
            why = "" if fresh.holds else self._pdf_why(fresh)
            self.add(
                f"| PDF render ≤ 0.5 s (demo report, warm process; the worker's cost per report) | "
                f"{fmt(fresh.median, 's')} `report_pdf()` in-process | {_holds(fresh)} | {why} |"
            )
        lazy = self.notes["lazy"]
        ok = (
            not lazy["weasyprint_at_startup"]
            and not lazy["weasyprint_after_pages"]
            and not lazy["weasyprint_after_download"]
            and not any(self.notes["pango"]["web_workers"])
        )
        self.add(
            f"| WeasyPrint off every web request, the PDF download included | not imported by `caio.wsgi`, "
            f"{len(lazy['statuses'])} pages or a download of a report not yet prepared (answered "
            f"{'/'.join(str(s) for s in lazy['pdf_statuses'])}: preparing); no gunicorn worker had Pango loaded "
            f"after the whole run | {'yes' if ok else '**no**'} | positive control: the worker's render task "
            f"imports it in the same process; the import costs {fmt(lazy['weasyprint_import_s'], 's')} |",
            "",
        )
        self._information()
        if self.notes["problems"]:
            self.add("**Problems found by this run:**", "", *[f"- {p}" for p in self.notes["problems"]], "")

    def _report_targets(self) -> None:
        completion = self.f("reports.completion")
        if completion:
            p95 = completion.extra["p95"]
            load = completion.extra["load_average"][0]
            render = self.f("worker.render")
            budget = completion.extra.get("budget_s")
            why = (
                f"{len(completion.runs)} completions one after another"
                + (f" (as many as {budget:.0f} s allow, at least 5)" if budget else "")
                + f", each report asked for every {completion.extra['poll_s'] * 1000:.0f} ms; load average "
                f"{load:.1f} meanwhile. The parts: the worker looks for work every 0.5 s (0.25 s on average)"
                + (
                    f"; one render in the worker took {fmt(render.median, 's')} (median) in this run"
                    if render
                    else ""
                )
            )
            plain = self.f("reports.completion.nice0")
            if plain:
                why += (
                    f". With the renders at normal priority, same run: median {fmt(plain.median, 's')}, p95 "
                    f"{fmt(plain.extra['p95'], 's')} ({len(plain.runs)} completions, load average "
                    f"{plain.extra['load_average'][0]:.1f})"
                )
            if not completion.holds:
                why += (
                    f". The target is for an idle machine and this one was not (load average {load:.1f} on 2 "
                    f"cores, other people's work): the render child runs at nice {self.notes.get('render_nice', 10)} "
                    "in its own scheduling group, so it yields to everything else on the machine, by design"
                )
            self.add(
                f"| Completion → report downloadable, p95 ≤ 2 s | median {fmt(completion.median, 's')}, p95 "
                f"{fmt(p95, 's')} | {_holds(completion)} | {why} |"
            )
        download, versus = self.f("download.prepared"), self.f("download.vs_peer")
        chromium = self.f("peer.warm.chromium")
        if download:
            self.add(
                f"| Download of a prepared report through gunicorn, p95 ≤ 50 ms | p95 "
                f"{fmt(download.extra['p95'], 's')}, median {fmt(download.median, 's')} ({len(download.runs)} "
                f"downloads of the {self._kb()} demo report) | {_holds(download)} | one signed-in request at a time "
                "on an otherwise idle server |"
            )
        if versus and chromium:
            self.add(
                f"| The same download ≥ 10× faster than the Chromium/Playwright peer's render of the same HTML "
                f"| {_ratio(versus.ratio)} (Chromium {fmt(chromium.median, 's')}, the download "
                f"{fmt(statistics.median(versus.runs), 's')}; medians) | {_holds(versus)} | same rounds: each "
                "Chromium render is followed by WeasyPrint's and 20 downloads; against the download's p95 it is "
                f"{_ratio(versus.extra['against_p95'])} |"
            )
        for name, label in (("healthz", "`/healthz`"), ("results", "Results page")):
            figure, plain = self.f(f"pressure.{name}"), self.f(f"pressure.{name}.nice0")
            if figure is None:
                continue
            e = figure.extra
            compare = ""
            if plain:
                compare = (
                    f"; renders at normal priority, same run: {fmt(plain.extra['idle_p95'], 's')} → "
                    f"{fmt(plain.extra['busy_p95'], 's')} (×{plain.ratio:.2f})"
                )
            self.add(
                f"| {label} p95 within 2× idle while {self.notes['pressure']['users']} users download freshly "
                f"edited reports in a loop | {fmt(e['idle_p95'], 's')} → {fmt(e['busy_p95'], 's')} "
                f"(×{figure.ratio:.2f}) | {_holds(figure)} | {self._pressure_why(figure)}{compare} |"
            )
        throughput, idle, peak = (
            self.f("worker.throughput"),
            self.f("worker.rss.idle"),
            self.f("worker.rss.peak"),
        )
        if throughput and idle and peak:
            load = self.notes["worker"]["load_average"][0]
            self.add(
                f"| Worker RSS and render throughput (for sizing; no target) | {fmt(throughput.median, 'reports/min')} "
                f"per worker; RSS {fmt(idle.median, 'MB')} between renders, {fmt(peak.median, 'MB')} peak with its "
                f"render child | — | {throughput.extra.get('queued', throughput.extra['renders'])} reports queued "
                f"at once, {throughput.extra['renders']} stored in {throughput.extra['elapsed_s']:.0f} s, one "
                f"worker at nice {self.notes.get('render_nice', 10)}, load average {load:.1f}: the renders "
                f"yielded to the machine's other work.{self._free_core()} A worker renders one report at a "
                "time, so N workers on N free cores render about N times as many |"
            )

    def _free_core(self) -> str:
        fresh = self.f("pdf.fresh")
        if fresh is None:
            return ""
        return (
            f" At normal priority a worker renders about 60 s ÷ {fmt(fresh.median, 's')} (the in-process "
            f"render, this run) = {60 / fresh.median:,.0f} reports/min of this {self.notes.get('pdf_pages', '?')}-"
            "page report, and more on an idle core."
        )

    def _pressure_why(self, figure: Figure) -> str:
        pressure = self.notes["pressure"]
        renders, cycles = pressure["renders"], pressure["cycles"]
        return (
            f"{pressure['users']} users each edit the notes, then reload the preparing page every 2 s until "
            f"that edit's PDF arrives: {renders.get('niced', 0)} renders in {cycles} × {pressure['busy_s']:g} s "
            f"({renders.get('normal', 0)} at normal priority); idle: {cycles * 2 + 1} windows of "
            f"{pressure['idle_s']:g} s interleaved with the loops; one request at a time, "
            f"{pressure['probe_gap_s'] * 1000:.0f} ms apart; {figure.extra['samples']} samples under the loop"
        )

    def _kb(self) -> str:
        size = self.notes.get("pdf_bytes") or self.notes["pdf_cold"]["cold_runs"][0]["bytes"]
        return f"{size / 1024:,.0f} KB"

    def _information(self) -> None:
        """Issue 7's page-throughput ratios: information since issue 15 (no Holds column)."""
        rows = []
        for key in ("results", "step", "history", "list"):
            figures = [self.f(f"pages.{key}.{n}") for n in SIZES]
            present = [f for f in figures if f is not None]
            if not present:
                continue
            measured = ", ".join(
                f"{_ratio(f.ratio)} at {n:,}" for n, f in zip(SIZES, figures, strict=True) if f
            )
            aim = present[0].extra.get("aim", 0)
            rows.append(
                f"| {PAGE_NAMES[key]} throughput ÷ the bare reference view's | {measured} | {aim:.2f} | "
                f"{self._page_why(key, present, aim)} |"
            )
        if not rows:
            return
        self.add(
            "**Information, no longer targets.** Issue 7 measured pages by their throughput under wrk as a share "
            "of a bare view's; issue 15 measures them by their latency while reports render (above). The "
            "ratios are kept to watch for regressions:",
            "",
            "| Page | Ratio to the reference | Issue 7's aim | Notes |",
            "|---|---|---|---|",
            *rows,
            "",
        )

    def _page_why(self, key: str, figures: list[Figure], target: float) -> str:
        first, last = figures[0], figures[-1]
        noise = figures[-1].extra.get("noise", 0.10)
        times = self.notes["in_process_s"][key]
        t1, t1000 = times.get(1, times.get("1")), times.get(1_000, times.get("1000"))
        parts = []
        changed = False
        if first.ratio is not None and first.ratio < target:
            parts.append(f"{1 - first.ratio / target:.0%} below the aim already at N=1")
        if last.ratio is not None and first.ratio:
            change = last.ratio / first.ratio - 1
            changed = abs(change) > noise
            if changed:
                parts.append(f"{change:+.0%} at 1,000 vs N=1, outside this run's noise band (±{noise:.0%})")
        if not parts:
            return ""
        grows = t1000 > 2 * t1
        in_process = f"in-process, one view takes {fmt(t1, 's')} at N=1 and {fmt(t1000, 's')} at 1,000"
        if key in ("history", "list") and grows:
            reason = {
                "history": "the page is paginated: it fills up to 25 rows, a 24-point chart and two 24-entry "
                "compare menus, so N=1 is a nearly empty page while 100 and 1,000 render the same full page "
                "(compare those two columns); the rest is the database counting and ordering the rows"
                + self._per_row("pages.history.1000", "assessment"),
                "list": "the page is paginated: it fills up to 25 organisations, so N=1 is a one-row page while "
                "100 and 1,000 render the same full page; the rest is the database counting and ordering them"
                + self._per_row("pages.list.1000", "organisation"),
            }[key]
        elif key in ("history", "list"):
            reason = "its rows are few at N=1; see the profiles"
        else:
            reason = {
                "step": "rendering the form's fields with crispy (`as_crispy_field`) and the base template",
                "results": "template rendering of the whole result (criteria, matrix, what-if, org chart)",
            }[key]
            if changed and not grows:
                reason += "; the page does the same work at every account size, so the change is the machine"
        return "; ".join(parts) + f" ({in_process}). Why: {reason}."

    def _per_row(self, figure_key: str, row: str) -> str:
        """What each row on the page costs, from the profile of that page at N=1,000 (if one was taken)."""
        profile = next((p for p in self.notes["profiles"].values() if p.get("figure") == figure_key), None)
        if profile is None:
            return ""
        calls = {r["phase"]: r["calls_per_view"] / ROWS_PER_PAGE for r in profile["phases"]}
        shares = {r["phase"]: r["share"] for r in profile["phases"]}
        parts = []
        for phase, what in (
            ("… `{% url %}` and `get_absolute_url` (URL reversing)", "URL reversing"),
            ("… `|date` formatting", "date formatting"),
            ("… JSON decoding of stored results", "JSON field decoding"),
        ):
            if calls.get(phase):
                parts.append(f"{what} {calls[phase]:.1f}× ({_pct(shares[phase])} of the view)")
        return f". Per {row} shown ({ROWS_PER_PAGE} a page): " + ", ".join(parts) if parts else ""

    def _pdf_why(self, fresh: Figure) -> str:
        pages = self.notes.get("pdf_pages")
        miss = f"misses by {fresh.median / 0.5 - 1:.0%}"
        length = f" for a {pages}-page report (the issue's yardstick was 5 pages)" if pages else ""
        untagged = self.f("pdf.untagged")
        tagging = (
            f"; PDF/UA tagging adds {untagged.ratio - 1:.0%} (measured), and is kept for accessibility"
            if untagged and untagged.ratio
            else ""
        )
        return (
            f"{miss}{length}: the time is WeasyPrint's layout and drawing of the pages, see *Where the time "
            f"goes*{tagging}; the stylesheet is already a small print sheet (no Bootstrap), and an unchanged "
            "report is never rendered twice"
        )

    def all_figures(self) -> None:
        self.add(
            "## All figures",
            "",
            "Ratios: pages' and the prepared PDF's throughput to the reference view's; the stored report's "
            "speed-up is render ÷ read time; peers are Chromium's time ÷ WeasyPrint's (above 1: Chromium is "
            "slower); the download's is Chromium's render ÷ the download; pages while reports render are the "
            "p95 under the loop ÷ the idle p95. A figure whose target is a p95 shows its median here and its "
            "p95 in *Targets*.",
            "",
            "| What | Median | Min–max | Runs | Ratio to reference | Reference | Target | Holds |",
            "|---|---|---|---|---|---|---|---|",
        )
        for figure in self.figures:
            spread = f"{fmt(min(figure.runs), figure.unit)} – {fmt(max(figure.runs), figure.unit)}"
            self.add(
                f"| {figure.what} | {fmt(figure.median, figure.unit)} | {spread} | {len(figure.runs)} | "
                f"{_ratio(figure.ratio)} | {figure.reference} | {figure.target} | {_holds(figure)} |"
            )
        self.add("")

    def pages(self) -> None:
        self.add(
            "## Pages under load (information)",
            "",
            f"wrk from a second process, {self.notes['load']['connections']} connections, "
            f"{self.notes['load']['rounds']} rounds; in each round every page's run is bracketed by two "
            f"{self.notes['load']['seconds']['reference']:g}-s runs of the reference view (`/bench/reference`, "
            "the whole middleware stack, no database) and its ratio is to their mean.",
            "",
            "| Page | N | req/s | p50 | p99 | Ratio to reference | Change vs N=1 |",
            "|---|---|---|---|---|---|---|",
        )
        reference = self.f("pages.reference")
        if reference:
            self.add(
                f"| Reference view | — | {fmt(reference.median, 'req/s')} | {fmt(reference.extra['p50'], 's')} | "
                f"{fmt(reference.extra['p99'], 's')} | 1 | |"
            )
        for key in PAGE_NAMES:
            for n in SIZES:
                figure = self.f(f"pages.{key}.{n}")
                if figure is None:
                    continue
                change = figure.note.split("; ", 1)[1] if "; " in figure.note else "—"
                self.add(
                    f"| {PAGE_NAMES[key]} | {n:,} | {fmt(figure.median, 'req/s')} | {fmt(figure.extra['p50'], 's')} "
                    f"| {fmt(figure.extra['p99'], 's')} | {_ratio(figure.ratio)} | {change} |"
                )
        prepared = self.f("pages.pdf-cached")
        if prepared:
            self.add(
                f"| PDF download (prepared) | — | {fmt(prepared.median, 'req/s')} | "
                f"{fmt(prepared.extra['p50'], 's')} | {fmt(prepared.extra['p99'], 's')} | {_ratio(prepared.ratio)} | |"
            )
        single = self.notes["load"]["single_request_s"]
        self.add(
            "",
            "p50/p99 are wrk's latency with 16 connections queued on 2 workers, so they are mostly queueing: "
            "about 16 ÷ throughput. One request on an idle server takes "
            + ", ".join(f"{k.replace('.', ' at ')} {fmt(v, 's')}" for k, v in single.items())
            + ".",
            "",
            "Within noise: the ratio at N moves from the N=1 ratio by no more than the N=1 ratio's own spread "
            "across rounds ((max − min) ÷ median), and at least 10 %.",
            "",
        )

    def reports(self) -> None:
        """Issue 15's section: what the background worker does for people and for the pages."""
        pressure = self.notes.get("pressure")
        if not pressure:
            return
        self.add("## Reports in the background", "")
        for key in (
            "reports.completion", "reports.completion.nice0", "download.prepared", "download.vs_peer", "pressure.healthz",
            "pressure.healthz.nice0", "pressure.results", "pressure.results.nice0", "pressure.edit_to_pdf",
            "pressure.edit_to_pdf.nice0",
            "worker.throughput", "worker.render", "worker.rss.idle", "worker.rss.peak",
        ):  # fmt: skip
            figure = self.f(key)
            if figure is None:
                continue
            high = figure.extra.get("p95") or figure.extra.get("busy_p95")
            value = (
                f"p95 **{fmt(high, figure.unit)}**, median {fmt(figure.median if 'p95' in figure.extra else figure.extra['busy_median'], figure.unit)}"
                if high
                else f"**{fmt(figure.median, figure.unit)}**"
            )
            ratio = f" ({_ratio(figure.ratio)} vs {figure.reference})" if figure.ratio else ""
            self.add(f"- {figure.what}: {value}{ratio}")
        warm = self.notes.get("warm_up", {})
        self.add(
            "",
            "**Completion → downloadable** completes drafts one after another through their review page (a "
            "real POST with the form's CSRF token and version), then asks for the report every 50 ms until the "
            "answer is the PDF rather than the preparing page; the first completion warms the path and is not "
            "counted. Before any of this the worker rendered the demo report, which is also when it imported "
            f"WeasyPrint ({warm.get('seconds', 0):.1f} s; the {warm.get('cancelled_at_start', 0)} other "
            "renders the data had queued were cancelled).",
            "",
            f"**Pages while reports render**: {pressure['users']} users, each with their own organisation, edit "
            "its notes through the profile form and then download the report as a browser does: the preparing "
            "page (202, `Retry-After: 2`, a meta refresh) is reloaded every 2 s until the PDF of that edit "
            "arrives, then they edit again, so every round is one render. Profile edits settle 2 s before "
            "their render starts. Meanwhile a fifth account asks for `/healthz` and its results page, one "
            f"request at a time, {pressure['probe_gap_s'] * 1000:.0f} ms apart. Windows, {pressure['cycles']} "
            f"times over: idle {pressure['idle_s']:g} s, the loop for {pressure['busy_s']:g} s with renders at "
            f"nice {pressure['render_nice']}, idle, the same loop with a worker started with "
            "`REPORT_RENDER_NICE=0`; then idle once more. Interleaved, so a change in the machine's other work "
            "falls on both alike; the p95s pool every window of a kind. "
            "The bench raises the profile-save and render limits so that every edit renders (the worst case for "
            "the pages; deployed, `RATE_LIMIT_PROFILE` allows a person 10 saves a minute).",
            "",
            "**Why the render child sets its own scheduling group.** On Linux with autogroup scheduling (the "
            "default of most distributions, on here) a nice value only counts against processes of the same "
            "session, and honcho, systemd or this bench start gunicorn and the worker in sessions of their own. "
            "So `nice db_worker` leaves the renders competing with gunicorn as equals; the render child instead "
            "starts its own session and sets that session's group to the nice value (`/proc/self/autogroup`), "
            "and lowers its own nice value too (which is what counts in a container or without autogroups).",
            "",
        )

    def queries(self) -> None:
        counts, times = self.notes["query_counts"], self.notes["in_process_s"]
        self.add(
            "## Query counts and in-process time",
            "",
            "| Page | Queries N=1 | N=100 | N=1,000 | Equal | Time per view N=1 | N=100 | N=1,000 |",
            "|---|---|---|---|---|---|---|---|",
        )
        names = PAGE_NAMES | {"pdf": "PDF download (prepared)"}
        for page, by in counts.items():
            values = [by.get(n, by.get(str(n))) for n in SIZES]
            spent = [times[page].get(n, times[page].get(str(n))) for n in SIZES]
            equal = "yes" if len(set(values)) == 1 else "**no**"
            self.add(
                f"| {names.get(page, page)} | {values[0]} | {values[1]} | {values[2]} | {equal} | "
                + " | ".join(fmt(t, "s") for t in spent)
                + " |"
            )
        self.add(
            "",
            "In-process with the test client and no other load: queries counted with `CaptureQueriesContext` on "
            "the second view of each page (the first may fill per-process caches); time is the median view.",
            "",
        )

    def pdf(self) -> None:
        cold = self.notes["pdf_cold"]["cold_runs"][0]
        pages = self.notes.get("pdf_pages")
        self.add(
            "## PDF report",
            "",
            f"The demo report is Northwind Logistics' latest assessment from `seed_demo`: {cold['bytes']:,} bytes"
            + (f", {pages} A4 pages" if pages else "")
            + ". The worker's `report_pdf()` renders in a forked child (time limit, lower CPU priority), after "
            "importing WeasyPrint, parsing the stylesheet and warming the fonts in the parent once per process; "
            "the PDF is stored in the database under a hash of everything that shapes it, and a download reads it.",
            "",
        )
        for key in (
            "pdf.fresh", "pdf.untagged", "pdf.stored", "pdf.cold", "pdf.cold.import",
            "pdf.cold.toolkit", "pdf.memory.child", "pdf.memory.growth", "pdf.memory.toolkit",
            "pdf.memory.tracemalloc",
        ):  # fmt: skip
            figure = self.f(key)
            if figure:
                ratio = f" ({_ratio(figure.ratio)} vs {figure.reference})" if figure.ratio else ""
                self.add(f"- {figure.what}: **{fmt(figure.median, figure.unit)}**{ratio}")
        peer = self.notes["peer"]
        self.add("", "### Peer: headless Chromium", "")
        if "skipped" in peer:
            self.add(f"Not measured: {peer['skipped']}.", "")
            return
        for key in (
            "peer.cold.chromium",
            "peer.cold.weasyprint",
            "peer.warm.chromium",
            "peer.warm.weasyprint",
        ):
            figure = self.f(key)
            if figure:
                ratio = f" — Chromium ÷ WeasyPrint = **{_ratio(figure.ratio)}**" if figure.ratio else ""
                self.add(f"- {figure.what}: {fmt(figure.median, 's')}{ratio}")
        self.add(
            "",
            f"Same HTML with the report stylesheet inlined; Chromium printed {peer['cold']['chromium_pages']} "
            f"pages, WeasyPrint {peer['cold']['weasyprint_pages']}: Chromium has no `position: running()`, so "
            "the running header falls into the page flow, and the layouts differ a little. The cold pair "
            "compares command lines (process start, import or browser start, one PDF); the warm pair compares "
            "a running browser with the app's warm worker, which is the comparison that matters for a server. "
            "Since reports render in the background, what a person waits for is the download of the prepared "
            "file, compared with Chromium's render in *Targets*.",
            "",
        )

    def engine(self) -> None:
        self.add("## Engine", "")
        for key in (
            "engine.e2e",
            "engine.e2e.floor",
            "engine.startup",
            "engine.steady",
            "engine.result",
            "engine.jsonline",
        ):
            figure = self.f(key)
            if figure:
                ratio = f" ({_ratio(figure.ratio)} of {figure.reference})" if figure.ratio else ""
                self.add(f"- {figure.what}: **{fmt(figure.median, figure.unit)}**{ratio}")
        self.add(
            "",
            "The 10,000 profiles are generated with a fixed seed across every threshold the method tests "
            "(`bench/engine.py`); every output line is checked to be a result, not an error.",
            "",
        )

    def where_time_goes(self) -> None:
        profiles = self.notes["profiles"]
        self.add(
            "## Where the time goes",
            "",
            "cProfile, in-process with the test client (pages) or WeasyPrint without the fork (PDF). Shares are "
            "of the profiled time; cProfile slows Python-heavy code more than C code, so read them as "
            "proportions, not durations. A phase marked … is part of the phase above it.",
            "",
        )
        for name, title in (
            ("slowest_page", "Slowest page"),
            ("list_1000", "Organisation list"),
            ("slowest_at_1", "Slowest page with one assessment"),
            ("results_page", "Results page (1,000 assessments in the account)"),
        ):
            profile = profiles.get(name)
            if not profile:
                continue
            label = profile.get("figure", "").removeprefix("pages.").replace(".", " at N=")
            self.add(
                f"### {title}{f': {label}' if label else ''}",
                "",
                f"`{profile['url']}` as `{profile['account']}`: {fmt(profile['unprofiled_s'], 's')} per view "
                f"in-process without the profiler; {profile['calls']} views profiled.",
                "",
            )
            self._profile_tables(profile)
        pdf = profiles["pdf_render"]
        self.add(
            "### PDF render",
            "",
            f"One `_write_pdf()` of the demo report: {fmt(pdf['unprofiled_s'], 's')} without the profiler; "
            f"building its context and {pdf['html_bytes']:,} bytes of HTML took "
            f"{fmt(pdf['context_and_html_s'], 's')}.",
            "",
        )
        self._profile_tables(pdf)
        self.findings()

    def _profile_tables(self, profile: dict[str, Any]) -> None:
        self.add("| Phase | Share | Calls per view |", "|---|---|---|")
        for row in profile["phases"]:
            if row["share"] > 0 or "engine" in row["phase"]:
                self.add(f"| {row['phase']} | {_pct(row['share'])} | {row['calls_per_view']:,.0f} |")
        self.add("", "| Function (self time) | Self | Cumulative | Calls per view |", "|---|---|---|---|")
        for function in profile["functions"]:
            self.add(
                f"| `{function['function']}` | {_pct(function['self_share'])} | "
                f"{_pct(function['cumulative_share'])} | {function['calls_per_view']:,.0f} |"
            )
        self.add("")

    def findings(self) -> None:
        profiles = self.notes["profiles"]
        results = profiles["results_page"]
        engine_share = next((r["share"] for r in results["phases"] if "engine" in r["phase"]), 0.0)
        pdf = profiles["pdf_render"]
        phase = {r["phase"]: r["share"] for r in pdf["phases"]}
        layout = phase.get("Layout (pages, tables, line breaking)", 0.0)
        draw = phase.get("Drawing pages into PDF streams", 0.0)
        css = phase.get("CSS cascade and computed styles", 0.0)
        stored = self.f("pdf.stored")
        self.add(
            "### What was done about it, and what is left",
            "",
            f"- **Results are snapshots.** The scored `caio-result/1` dict is stored on the assessment when it is "
            f"completed; no page re-scores. The results-page profile shows {_pct(engine_share)} in the decision "
            "engine: the page is template rendering and the request cycle.",
            "- **PDFs are rendered once, in the background.** The worker renders a report as soon as its "
            "content is known and stores it under a hash of everything that shapes it; "
            + (
                f"a download reads it in {fmt(stored.median, 's')} in-process, {_ratio(stored.ratio)} less than "
                "a render. "
                if stored
                else ""
            )
            + "A render overtaken by a newer edit is dropped before it starts; the render child runs at lower "
            "CPU priority in a scheduling group of its own, so pages go first.",
            f"- **Small print stylesheet.** `report.css` is {self.notes.get('report_css_bytes', 0):,} bytes with no "
            f"Bootstrap; the CSS cascade is {_pct(css)} of a render. What remains is layout ({_pct(layout)}) and "
            f"drawing ({_pct(draw)}) of the pages themselves, inside WeasyPrint.",
            "- **Pages that grow with the account.** The history page and the organisation list render every "
            "row; their query counts are constant (no N+1), but their time is proportional to the rows. The "
            "profiles of both at N=1,000 above show what each row costs.",
            "",
        )


if __name__ == "__main__":
    print(rerender())
