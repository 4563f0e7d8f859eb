"""docs/benchmarks.md and docs/benchmarks.json from one run's figures and notes."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine, Library, Origin
from django.template.loaders.filesystem import Loader as FilesystemLoader

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


# The template's filters: numbers are formatted here, words are in bench/templates/.
register = Library()
register.filter("fmt", fmt)
register.filter("ratio", _ratio)
register.filter("holds", _holds)
register.filter("pct", _pct)


@register.filter
def num(value: Any, spec: str) -> str:
    """{{ value|num:".1f" }}: a format spec as in an f-string."""
    return format(value, spec)


@register.filter
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# Jinja's trim_blocks and lstrip_blocks for Markdown, where every newline counts: a line of nothing but tags
# leaves no line behind, and a line ending in a backslash goes on, without its indentation, on the next.
TAGS_ONLY_LINE = re.compile(
    r"^[ \t]*((?:(?:\{%(?:(?!%\}).)*%\}|\{#(?:(?!#\}).)*#\})[ \t]*)+)\n", re.MULTILINE
)
CONTINUED_LINE = re.compile(r"\\\n[ \t]*")


class MarkdownLoader(FilesystemLoader):
    def get_contents(self, origin: Origin) -> str:
        text = TAGS_ONLY_LINE.sub(lambda tags: tags[1].strip(), super().get_contents(origin))
        return CONTINUED_LINE.sub("", text)


@cache
def _engine() -> Engine:
    # Standalone: no settings needed, the same output whether or not Django is set up (make bench has it).
    return Engine(
        loaders=[("bench.docs.MarkdownLoader", [TEMPLATES_DIR])],
        builtins=["bench.docs"],
        autoescape=False,
    )


def _by_size(values: dict[Any, Any]) -> list[Any]:
    """One value per account size; JSON turns the int keys of a run into strings."""
    return [values.get(n, values.get(str(n))) for n in SIZES]


class Document:
    """The values docs/benchmarks.md shows, computed from the figures and notes; the words are in the template."""

    def __init__(self, figures: list[Figure], notes: dict[str, Any]) -> None:
        self.by_key = {f.key: f for f in figures}
        self.figures = figures
        self.notes = notes

    def f(self, key: str) -> Figure | None:
        return self.by_key.get(key)

    def present(self, keys: tuple[str, ...]) -> list[Figure]:
        return [figure for key in keys if (figure := self.f(key))]

    def render(self) -> str:
        context = Context(self.context(), autoescape=False, use_l10n=False)
        return _engine().get_template("benchmarks.md").render(context).rstrip() + "\n"

    def context(self) -> dict[str, Any]:
        notes = self.notes
        machine = notes["machine"]
        return {
            "notes": notes,
            "m": machine,
            # Figure keys with dots and dashes as names the template can look up: f.engine_e2e.
            "f": {key.replace(".", "_").replace("-", "_"): figure for key, figure in self.by_key.items()},
            "figure_rows": [(figure, min(figure.runs), max(figure.runs)) for figure in self.figures],
            "elapsed_min": notes["elapsed_s"] / 60,
            "load_start": machine["load_average_at_start"],
            "load_end": machine.get("load_average_at_end", ("?",) * 3),
            "pressure": notes.get("pressure", {}),
            "child_nice": notes.get("pressure", {}).get("render_nice", "?"),
            "render_nice": notes.get("render_nice", 10),
            "pdf_pages": notes.get("pdf_pages"),
            "rows_per_page": ROWS_PER_PAGE,
            **self.targets(),
            **self.pages(),
        }

    def targets(self) -> dict[str, Any]:
        notes = self.notes
        e2e, fresh, untagged = self.f("engine.e2e"), self.f("pdf.fresh"), self.f("pdf.untagged")
        throughput = self.f("worker.throughput")
        pressure = notes.get("pressure", {})
        counts = notes["query_counts"]
        lazy = notes["lazy"]
        size = notes.get("pdf_bytes") or notes["pdf_cold"]["cold_runs"][0]["bytes"]
        return {
            "e2e_miss": 1 - e2e.median / 10_000 if e2e else None,
            "pdf_miss": fresh.median / 0.5 - 1 if fresh else None,
            "reports_per_minute": 60 / fresh.median if fresh else None,
            "tagging_cost": untagged.ratio - 1 if untagged and untagged.ratio else None,
            "pdf_kb": size / 1024,
            "pressure_rows": [
                (label, figure, self.f(f"pressure.{name}.nice0"))
                for name, label in (("healthz", "`/healthz`"), ("results", "Results page"))
                if (figure := self.f(f"pressure.{name}"))
            ],
            "idle_windows": pressure.get("cycles", 0) * 2 + 1,
            "queued": throughput.extra.get("queued", throughput.extra["renders"]) if throughput else None,
            "equal_counts": [
                (page, min(by.values())) for page, by in counts.items() if len(set(by.values())) == 1
            ],
            "unequal": [page for page, by in counts.items() if len(set(by.values())) > 1],
            "lazy": lazy,
            "pdf_statuses": "/".join(str(s) for s in lazy["pdf_statuses"]),
            "lazy_ok": not lazy["weasyprint_at_startup"]
            and not lazy["weasyprint_after_pages"]
            and not lazy["weasyprint_after_download"]
            and not any(notes["pango"]["web_workers"]),
            "information": self.information(),
        }

    def information(self) -> list[dict[str, Any]]:
        """Issue 7's page-throughput ratios: information since issue 15 (no Holds column)."""
        rows = []
        for key in ("results", "step", "history", "list"):
            sizes = [(n, figure) for n in SIZES if (figure := self.f(f"pages.{key}.{n}"))]
            if not sizes:
                continue
            first, last = sizes[0][1], sizes[-1][1]
            aim = first.extra.get("aim", 0)
            noise = last.extra.get("noise", 0.10)
            below_aim = 1 - first.ratio / aim if first.ratio is not None and first.ratio < aim else None
            change = last.ratio / first.ratio - 1 if last.ratio is not None and first.ratio else None
            t1, _, t1000 = _by_size(self.notes["in_process_s"][key])
            rows.append(
                {
                    "key": key,
                    "name": PAGE_NAMES[key],
                    "sizes": sizes,
                    "aim": aim,
                    "noise": noise,
                    "below_aim": below_aim,
                    "change": change if change is not None and abs(change) > noise else None,
                    "t1": t1,
                    "t1000": t1000,
                    "grows": t1000 > 2 * t1,
                    "per_row": self.per_row(f"pages.{key}.1000"),
                }
            )
        return rows

    def per_row(self, figure_key: str) -> list[tuple[str, float, float]]:
        """What each row on the page costs, from the profile of that page at N=1,000 (if one was taken)."""
        profile = next((p for p in self.notes["profiles"].values() if p.get("figure") == figure_key), None)
        if profile is None:
            return []
        calls = {r["phase"]: r["calls_per_view"] / ROWS_PER_PAGE for r in profile["phases"]}
        shares = {r["phase"]: r["share"] for r in profile["phases"]}
        return [
            (what, calls[phase], shares[phase])
            for phase, what in (
                ("… `{% url %}` and `get_absolute_url` (URL reversing)", "URL reversing"),
                ("… `|date` formatting", "date formatting"),
                ("… JSON decoding of stored results", "JSON field decoding"),
            )
            if calls.get(phase)
        ]

    def pages(self) -> dict[str, Any]:
        load_rows = []
        for key, name in PAGE_NAMES.items():
            for n in SIZES:
                figure = self.f(f"pages.{key}.{n}")
                if figure:
                    change = figure.note.split("; ", 1)[1] if "; " in figure.note else "—"
                    load_rows.append((name, n, figure, change))
        counts, times = self.notes["query_counts"], self.notes["in_process_s"]
        names = PAGE_NAMES | {"pdf": "PDF download (prepared)"}
        return {
            "load_rows": load_rows,
            "single_request": [
                (what.replace(".", " at "), seconds)
                for what, seconds in self.notes["load"]["single_request_s"].items()
            ],
            "query_rows": [
                (names.get(page, page), _by_size(by), len(set(_by_size(by))) == 1, _by_size(times[page]))
                for page, by in counts.items()
            ],
        }


if __name__ == "__main__":
    print(rerender())
