"""Old home of the background tasks, kept so that tasks queued before an upgrade still run.

django-tasks stores each queued task by the dotted path of its function (`assessments.tasks.render_report`) and
the worker imports that path when it runs the task. The tasks now live in `assessments.report.tasks`; these
names keep the old paths importable for one release: remove this module in the release after 0.1.0, once
`DBTaskResult.objects.filter(task_path__startswith="assessments.tasks.")` finds no unfinished row.
"""

from __future__ import annotations

from assessments.report.tasks import render_report, send_mail_task

__all__ = ["render_report", "send_mail_task"]
