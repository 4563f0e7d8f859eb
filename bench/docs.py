"""docs/benchmarks.md and docs/benchmarks.json from one run's figures and notes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .common import DOCS_DIR, SIZES, Figure, fmt

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
            "bench, which is why every target is a ratio measured side by side in the same run.",
            "",
            "**How:** a fresh SQLite database (`var/bench/bench.sqlite3`, WAL) with the demo account from "
            "`seed_demo` and, for each N in 1, 100 and 1,000, two accounts: `deep-N` (N completed assessments "
            "in one organisation, plus a draft) and `wide-N` (N organisations with one completed assessment "
            "each). Organisations are created with "
            f"`{self.notes['organisation_factory']}`; completed assessments are bulk-inserted with a result the "
            "app's own scorer produced. Pages run under gunicorn "
            f"({load['workers']} sync workers, `DEBUG=0`, 127.0.0.1) with {load['tool']} from a second process: "
            f"{load['connections']} connections, {load['rounds']} rounds. In each round every page's run is "
            f"bracketed by two {load['seconds']['reference']:g}-s runs of the reference view and the page's "
            "ratio is to their mean, so a burst of other work on the machine hits a page and its yardstick "
            f"alike. Page runs last {load['base_seconds']:g} s, longer for slow pages (up to "
            f"{load['max_seconds']:g} s, aiming at 50 answers), and the queue a run leaves behind is drained "
            "before the next one. Every figure below is the median of its runs.",
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
        for key, target in (("results", 0.30), ("step", 0.15), ("history", 0.30), ("list", 0.30)):
            figures = [self.f(f"pages.{key}.{n}") for n in SIZES]
            present = [f for f in figures if f is not None]
            if not present:
                continue
            measured = ", ".join(
                f"{_ratio(f.ratio)} at {n:,}" for n, f in zip(SIZES, figures, strict=True) if f
            )
            holds = all(f.holds for f in present)
            self.add(
                f"| {PAGE_NAMES[key]} ≥ {target:.2f} of the reference, unchanged from 1 to 1,000 | {measured} | "
                f"{'yes' if holds else '**no**'} | {self._page_why(key, present, target)} |"
            )
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
        fresh, cached = self.f("pdf.http.fresh"), self.f("pdf.http.cached")
        in_fresh, in_cached = self.f("pdf.fresh"), self.f("pdf.cached")
        if fresh and in_fresh:
            why = "" if fresh.holds else self._pdf_why(fresh)
            self.add(
                f"| PDF fresh render ≤ 0.5 s (demo report, warm worker) | {fmt(fresh.median, 's')} through "
                f"gunicorn; {fmt(in_fresh.median, 's')} `report_pdf()` in-process | {_holds(fresh)} | {why} |"
            )
        if cached and in_cached:
            self.add(
                f"| Cached download ≥ 100× faster than a fresh render | {_ratio(cached.ratio)} through gunicorn "
                f"({fmt(cached.median, 's')} per download); {_ratio(in_cached.ratio)} in-process | "
                f"{_holds(cached)} | {self._cached_why(cached)} |"
            )
        lazy = self.notes["lazy"]
        pango = self.notes["pdf_http"]
        ok = (
            not lazy["weasyprint_at_startup"]
            and not lazy["weasyprint_after_pages"]
            and not any(pango["pango_before_pdf"])
        )
        self.add(
            f"| WeasyPrint's import off every other page's path | not imported by `caio.wsgi` nor by "
            f"{len(lazy['statuses'])} other pages; no gunicorn worker had Pango loaded before the first PDF | "
            f"{'yes' if ok else '**no**'} | import costs {fmt(lazy['weasyprint_import_s'], 's')} "
            f"(`caio.wsgi` alone {fmt(lazy['wsgi_import_s'], 's')}) |",
            "",
        )
        if self.notes["problems"]:
            self.add("**Problems found by this run:**", "", *[f"- {p}" for p in self.notes["problems"]], "")

    def _page_why(self, key: str, figures: list[Figure], target: float) -> str:
        first, last = figures[0], figures[-1]
        noise = figures[-1].extra.get("noise", 0.10)
        times = self.notes["in_process_s"][key]
        t1, t1000 = times.get(1, times.get("1")), times.get(1_000, times.get("1000"))
        parts = []
        changed = False
        if first.ratio is not None and first.ratio < target:
            parts.append(f"misses the ratio by {1 - first.ratio / target:.0%} already at N=1")
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
        """What one more row costs, from the profile of that page at N=1,000 (if one was taken)."""
        profile = next((p for p in self.notes["profiles"].values() if p.get("figure") == figure_key), None)
        if profile is None:
            return ""
        calls = {r["phase"]: r["calls_per_view"] / 1_000 for r in profile["phases"]}
        shares = {r["phase"]: r["share"] for r in profile["phases"]}
        parts = []
        for phase, what in (
            ("… `{% url %}` and `get_absolute_url` (URL reversing)", "URL reversing"),
            ("… `|date` formatting", "date formatting"),
            ("… JSON decoding of stored results", "JSON field decoding"),
        ):
            if calls.get(phase):
                parts.append(f"{what} {calls[phase]:.0f}× ({_pct(shares[phase])} of the view)")
        return f". Per {row}: " + ", ".join(parts) if parts else ""

    def _cached_why(self, cached: Figure) -> str:
        reference, fresh = self.f("pdf.http.reference"), self.f("pdf.http.fresh")
        if reference is None or fresh is None:
            return ""
        counts = self.notes["query_counts"].get("pdf", {})
        queries = next(iter(counts.values()), "?")
        text = (
            f"through gunicorn a cached download is still a whole signed-in request ({queries} queries; the bare "
            f"reference view's round trip is {fmt(reference.median, 's')}) against a {fmt(fresh.median, 's')} "
            "render, so this ratio sits near 100× and moves with the machine's noise; the cache itself is the "
            "in-process figure"
        )
        if not cached.holds and cached.ratio:
            text = f"misses by {1 - cached.ratio / 100:.0%}: " + text
        return text

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
            "Ratios: pages and the cached PDF's throughput to the reference view's; PDF speed-ups are fresh ÷ "
            "cached time; peers are Chromium's time ÷ WeasyPrint's (above 1: Chromium is slower).",
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
            "## Pages under load",
            "",
            "| Page | N | req/s | p50 | p99 | Ratio to reference | Target | Holds | Change vs N=1 |",
            "|---|---|---|---|---|---|---|---|---|",
        )
        reference = self.f("pages.reference")
        if reference:
            self.add(
                f"| Reference view | — | {fmt(reference.median, 'req/s')} | {fmt(reference.extra['p50'], 's')} | "
                f"{fmt(reference.extra['p99'], 's')} | 1 | | | |"
            )
        for key in PAGE_NAMES:
            for n in SIZES:
                figure = self.f(f"pages.{key}.{n}")
                if figure is None:
                    continue
                self.add(
                    f"| {PAGE_NAMES[key]} | {n:,} | {fmt(figure.median, 'req/s')} | {fmt(figure.extra['p50'], 's')} "
                    f"| {fmt(figure.extra['p99'], 's')} | {_ratio(figure.ratio)} | "
                    f"{figure.target.split(';')[0]} | {_holds(figure)} | {figure.note or '—'} |"
                )
        cached = self.f("pages.pdf-cached")
        if cached:
            self.add(
                f"| PDF download (cached) | — | {fmt(cached.median, 'req/s')} | {fmt(cached.extra['p50'], 's')} | "
                f"{fmt(cached.extra['p99'], 's')} | {_ratio(cached.ratio)} | | | |"
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

    def queries(self) -> None:
        counts, times = self.notes["query_counts"], self.notes["in_process_s"]
        self.add(
            "## Query counts and in-process time",
            "",
            "| Page | Queries N=1 | N=100 | N=1,000 | Equal | Time per view N=1 | N=100 | N=1,000 |",
            "|---|---|---|---|---|---|---|---|",
        )
        names = PAGE_NAMES | {"pdf": "PDF download (cached)"}
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
            + ". `report_pdf()` renders in a forked child (time limit), after importing WeasyPrint, parsing "
            "the stylesheet and warming the fonts in the parent once per process; rendered PDFs are cached in "
            "the database by a hash of everything that shapes them.",
            "",
        )
        for key in (
            "pdf.http.fresh", "pdf.http.cached", "pdf.http.reference", "pdf.fresh", "pdf.untagged", "pdf.cached", "pdf.cold", "pdf.cold.import",
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
            "a running browser with the app's warm worker, which is the comparison that matters for a server.",
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
        cached = self.f("pdf.cached")
        self.add(
            "### What was done about it, and what is left",
            "",
            f"- **Results are snapshots.** The scored `caio-result/1` dict is stored on the assessment when it is "
            f"completed; no page re-scores. The results-page profile shows {_pct(engine_share)} in the decision "
            "engine: the page is template rendering and the request cycle.",
            "- **PDFs are rendered once.** `ReportCache` keys each PDF by a hash of everything that shapes it; "
            + (
                f"a cached download costs {fmt(cached.median, 's')} in-process, {_ratio(cached.ratio)} less than "
                "a render. "
                if cached
                else ""
            )
            + "WeasyPrint is imported lazily, in the PDF path only, and the parsed stylesheet and warmed fonts "
            "are kept per process.",
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
