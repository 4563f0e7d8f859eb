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


GLOSSARY = """# Glossary

| English | Français | Deutsch | Notes |
|---|---|---|---|
| stretched | débordé | ausgelastet | Not checked: only the table below is. |

## Checked in every catalogue

| English | Français | Deutsch |
|---|---|---|
| `stretched` | `débordé` | `ausgelastet` |
| `tie`, `ties` | `dernier mot` | `Stimmengleichheit` |

## Quoting the article
"""


def test_a_translation_that_says_a_glossary_term_in_other_words_is_a_problem(check, tmp_path):
    glossary = tmp_path / "glossary.md"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    path = catalogue(
        tmp_path,
        'msgid "The CTO is already stretched"\nmsgstr "Le CTO est déjà très sollicité"\n\n'
        'msgid "the CTO were no longer stretched"\nmsgstr "le CTO n\'était plus débordé"\n\n'
        'msgid "Who breaks ties"\nmsgstr "Qui tranche les égalités"\n\n'
        'msgid "Who breaks a tie"\nmsgstr "Qui a le Dernier mot"\n\n'
        'msgid "Strategy tied to outcomes"\nmsgstr "Stratégie liée aux résultats"\n\n'
        'msgid "{stretched} and %(ties)s are placeholders"\nmsgstr "{stretched} et %(ties)s sont des variables"\n\n'
        'msgid "{n} stretched CTO"\nmsgid_plural "{n} stretched CTOs"\n'
        'msgstr[0] "{n} CTO débordé"\nmsgstr[1] "{n} CTO sollicités"\n',
    )
    assert check.glossary_problems(path, check.glossary_terms(glossary)) == [
        "'The CTO is already stretched' says 'stretched': the glossary's word is débordé",
        "'Who breaks ties' says 'ties': the glossary's word is dernier mot",
        "'{n} stretched CTO' says 'stretched': the glossary's word is débordé",
    ]


def test_the_glossary_must_have_its_checked_table(check, tmp_path):
    glossary = tmp_path / "glossary.md"
    glossary.write_text(GLOSSARY.split("## Checked")[0], encoding="utf-8")
    with pytest.raises(ValueError, match="no '## Checked in every catalogue' table"):
        check.glossary_terms(glossary)
    glossary.write_text(GLOSSARY.replace("`ausgelastet`", "ausgelastet"), encoding="utf-8")
    with pytest.raises(ValueError, match="lacks a form in backticks"):
        check.glossary_terms(glossary)


def test_the_committed_glossary_fixes_one_word_for_stretched_and_for_breaking_ties(check):
    terms = {english[0]: forms for english, forms in check.glossary_terms()}
    assert terms["stretched"] == {"fr": ("débordé",), "de": ("ausgelastet",)}
    assert terms["tie"] == {"fr": ("dernier mot",), "de": ("Stimmengleichheit",)}
