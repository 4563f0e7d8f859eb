"""Old home of the background tasks, kept so that tasks queued before an upgrade still run.

django-tasks stores each queued task by the dotted path of its function (`assessments.tasks.render_report`) and
the worker imports that path when it runs the task. Each task now lives beside its work (`render_report` in
`assessments.report.services`, `send_mail_task` in `assessments.report.mail`); these names keep the old paths
importable for one release: remove this module in the release after 0.1.0, once
`DBTaskResult.objects.filter(task_path__startswith="assessments.tasks.")` finds no unfinished row.
"""

from __future__ import annotations

from assessments.report.mail import send_mail_task
from assessments.report.services import render_report

__all__ = ["render_report", "send_mail_task"]
