"""Every page a signed-in owner can reach, crawled from the organisation list (not a hand-kept list), fits a
390 px phone in English, French and German: no sideways scrolling."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.e2e.conftest import sign_in
from tests.e2e.world import build

PHONE = {"width": 390, "height": 844}
# Downloads and the admin are not pages; /accounts/logout/ is a POST form anyway.
SKIP = re.compile(r"(\.pdf|\.json|\.xlsx|\.csv)$|^/admin/|/logout/|^/static/|/export|^/api/schema/")
# The API's reference (Swagger UI) is English only, as the API is; its width is checked like every page's.
ENGLISH_ONLY = ("/api/",)
# Bounded: at most this many pages per URL shape (ids replaced), and this many pages in all.
PER_SHAPE, MOST = 3, 150
# Pages added after this walk was written, which it must reach, not merely allow (ids as N).
MUST_REACH = {
    "/organisations/N/audit/", "/organisations/N/sign-on/", "/organisations/N/webhooks/",
    "/organisations/N/webhooks/N/", "/account/data/", "/api/docs/",
}  # fmt: skip


# Links, and GET forms as their default values would submit them (the compare form, the PDF choices).
LINKS = """() => [...document.querySelectorAll("a[href]")].map(a => a.href).concat(
  [...document.querySelectorAll("form")].filter(f => f.method === "get").map(f => {
    const url = new URL(f.action); url.search = new URLSearchParams(new FormData(f)).toString(); return url.href;
  }))"""


def _shape(path: str) -> str:
    return re.sub(r"/[0-9]+/", "/N/", re.sub(r"/(shared|invitations)/[^/]+/", r"/\1/T/", path))


def crawl(page, base: str, *also: str) -> Iterator[str]:
    seen: set[str] = set()
    shapes: Counter[str] = Counter()
    queue, visited = ["/organisations/", *also], []
    while queue and len(visited) < MOST:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        shape = _shape(urlsplit(path).path) + ("?" if "?" in path else "")
        if shapes[shape] >= PER_SHAPE:
            continue
        shapes[shape] += 1
        response = page.goto(base + path)
        assert response is not None and response.status < 400, f"{path}: {response and response.status}"
        visited.append(path)
        yield path
        for href in page.evaluate(LINKS):
            url, _fragment = urldefrag(href)
            parts = urlsplit(url)
            # ?lang= links choose another language: that language's walk covers them.
            if not url.startswith(base) or SKIP.search(parts.path) or "lang=" in parts.query:
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                queue.append(local)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_every_page_an_owner_reaches_fits_a_390_px_phone(browser, live_server, language):
    world = build(language=language)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, world["user"].username)
    too_wide, pages = [], 0
    # Plus the two pages reached from a link given once (the shared results and an invitation), and the results
    # of an EU high-risk deployer, with its obligations (other results pages may use up their shape's share).
    also = (f"/shared/{world['share_token']}/", world["invitation_path"], world["obligations_path"])
    reached = set()
    for path in crawl(page, live_server.url, *also):
        pages += 1
        reached.add(_shape(urlsplit(path).path))
        if path == world["obligations_path"]:
            assert page.locator("#obligations .obligation").count() > 0, (
                "no obligations on the deployer's results"
            )
        if not path.startswith(ENGLISH_ONLY):
            assert page.evaluate("document.documentElement.lang") == language, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path} [{language}] is {width} px wide")
    context.close()
    assert pages >= 30, f"only {pages} pages reached in {language}"
    assert MUST_REACH <= reached, MUST_REACH - reached
    assert too_wide == [], "\n".join(too_wide)
