"""What a PDF shows when printed, read with poppler-utils: its text, where each word sits, and the colour at a point."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

XHTML = "{http://www.w3.org/1999/xhtml}"
DPI = 144  # pixels per inch when a point is sampled: 2 px per PostScript point


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # points from the page's top left corner
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is needed to read the printed report: apt-get install poppler-utils")
    return path


def _with_file(data: bytes, command: list[str], *after: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "report.pdf")
        path.write_bytes(data)
        return subprocess.run([*command, str(path), *after], capture_output=True, check=True).stdout


def page_texts(data: bytes) -> list[str]:
    """Each page's text in reading order (pdftotext: poppler's C reader, about ten times faster than pypdf's)."""
    text = subprocess.run(
        [_poppler("pdftotext"), "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return text.decode().split("\f")[:-1]  # every page ends with a form feed


def text(data: bytes) -> str:
    """The whole document's text, pages one after another."""
    return "\n".join(page_texts(data))


def pages(data: bytes) -> list[Page]:
    """Every page with its words and their boxes (pdftotext -bbox)."""
    root = ElementTree.fromstring(_with_file(data, [_poppler("pdftotext"), "-bbox"], "-"))
    return [
        Page(
            float(page.get("width", 0)),
            float(page.get("height", 0)),
            [
                Word(w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")))
                for w in page.iter(f"{XHTML}word")
            ],
        )
        for page in root.iter(f"{XHTML}page")
    ]


def colour_at(data: bytes, page: int, x: float, y: float) -> tuple[int, int, int]:
    """The printed colour (RGB) at (x, y) points on page `page` (from 0), rasterised at DPI."""
    crop = {"-f": page + 1, "-l": page + 1, "-r": DPI, "-x": round(x * DPI / 72), "-y": round(y * DPI / 72)}
    options = [str(part) for pair in crop.items() for part in pair]
    ppm = _with_file(data, [_poppler("pdftoppm"), *options, "-W", "1", "-H", "1"])  # no output root: stdout
    r, g, b = ppm[-3:]  # a binary PPM of one pixel ends with its three bytes
    return r, g, b


def background_behind(data: bytes, page: int, word: Word) -> tuple[int, int, int]:
    """The colour just left of a word, inside its box's padding: a badge's background, or the page's."""
    return colour_at(data, page, word.x0 - 1.0, (word.y0 + word.y1) / 2)
