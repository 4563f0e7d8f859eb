"""Child: WeasyPrint stays off the start-up path and off every web request, the PDF download included.

`python -m bench.lazy USERNAME PDF_URL URL...` imports caio.wsgi as gunicorn does, checks sys.modules, opens
each URL in-process as USERNAME, checks again, downloads the PDF twice (the first asks for a render, the
second finds it prepared or preparing: a web request never renders) and checks again; then renders that
report as the worker does (the positive control) and checks that WeasyPrint is imported then. Prints one
JSON line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.common import PYTHON


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> None:
    username, pdf_url, *urls = sys.argv[1:]
    start = time.perf_counter()
    import caio.wsgi  # noqa: F401

    wsgi_s = time.perf_counter() - start
    at_startup = "weasyprint" in sys.modules

    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    statuses = {url: client.get(url).status_code for url in urls}
    after_pages = sorted(m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint."))
    from assessments.models import ReportCache
    from assessments.report import services as tasks  # render_report lives beside its work

    # Asked for afresh, so the download finds nothing stored and must not render it itself.
    pk = int(pdf_url.strip("/").split("/")[1])
    ReportCache.objects.filter(assessment_id=pk).delete()
    pdf_statuses = [client.get(pdf_url).status_code for _ in range(2)]
    after_download = "weasyprint" in sys.modules
    row = ReportCache.objects.get(assessment_id=pk)
    rendered = tasks.render_report.call(report_id=row.pk, key=row.key)
    after_render = "weasyprint" in sys.modules
    print(
        json.dumps(
            {
                "wsgi_import_s": wsgi_s,
                "weasyprint_import_s": _import_seconds("weasyprint"),
                "weasyprint_at_startup": at_startup,
                "weasyprint_after_pages": bool(after_pages),
                "statuses": statuses,
                "pdf_statuses": pdf_statuses,
                "weasyprint_after_download": after_download,
                "render": rendered,
                "weasyprint_after_render": after_render,
            }
        )
    )


if __name__ == "__main__":
    main()
