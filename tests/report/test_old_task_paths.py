"""Tasks queued before the move to assessments.report.tasks carry their old dotted path: the worker still finds them."""

from __future__ import annotations

import pytest
from django.utils.module_loading import import_string
from django_tasks.base import Task

from assessments.report import tasks


@pytest.mark.parametrize("name", ["render_report", "send_mail_task"])
def test_a_task_queued_under_its_old_path_still_imports_as_the_same_task(name):
    old = import_string(f"assessments.tasks.{name}")
    assert isinstance(old, Task)
    assert old is getattr(tasks, name)
    assert old.module_path == f"assessments.report.tasks.{name}"
