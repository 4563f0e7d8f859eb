"""scripts/check_translations.py, the completeness check `make test` runs: it must fail on each kind of gap."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import _check_translations

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

"""


@pytest.fixture(scope="module")
def check() -> Any:
    return _check_translations()


def catalogue(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fr" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_the_committed_catalogues_are_complete(check):
    assert check.problems() == []


def test_an_untranslated_or_fuzzy_entry_is_a_gap(check, tmp_path):
    path = catalogue(
        tmp_path,
        'msgid "Advice"\nmsgstr "Recommandation"\n\n'
        'msgid "Risks"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Next steps"\nmsgstr "Prochaines étapes"\n\n'
        'msgid "{count} rater"\nmsgid_plural "{count} raters"\nmsgstr[0] "{count} évaluateur"\nmsgstr[1] ""\n',
    )
    assert check.gaps(path) == [
        "untranslated: 'Risks'",
        "fuzzy: 'Next steps'",
        "untranslated: '{count} rater'",
    ]


def test_a_translation_whose_placeholders_differ_is_a_problem(check, tmp_path):
    path = catalogue(
        tmp_path,
        '#, python-format\nmsgid "Signed by %(name)s on %(when)s."\nmsgstr "Signée par %(nom)s le %(when)s."\n',
    )
    assert check.format_problems(path) != []


def test_a_text_makemessages_would_add_is_reported(check, tmp_path, monkeypatch):
    for name in check.APP:
        source = check.ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    shutil.copytree(check.LOCALE, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    (tmp_path / "templates" / "new_page.html").write_text(
        '{% load i18n %}<p>{% translate "A sentence nobody has translated yet" %}</p>\n', encoding="utf-8"
    )
    monkeypatch.setattr(check, "ROOT", tmp_path)
    monkeypatch.setattr(check, "LOCALE", tmp_path / "locale")
    assert sorted(check.problems()) == [
        f"locale/{language}/LC_MESSAGES/django.po: makemessages would add "
        "'A sentence nobody has translated yet'"
        for language in ("de", "fr")
    ]
