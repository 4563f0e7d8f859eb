"""Tasks queued before the tasks moved beside their work carry their old dotted path: the worker still finds them."""

from __future__ import annotations

import pytest
from django.utils.module_loading import import_string
from django_tasks.base import Task

HOMES = {
    "render_report": "assessments.report.services.render_report",
    "send_mail_task": "assessments.report.mail.send_mail_task",
}


@pytest.mark.parametrize("name", sorted(HOMES))
def test_a_task_queued_under_its_old_path_still_imports_as_the_same_task(name):
    old = import_string(f"assessments.tasks.{name}")
    assert isinstance(old, Task)
    assert old is import_string(HOMES[name])
    assert old.module_path == HOMES[name]
