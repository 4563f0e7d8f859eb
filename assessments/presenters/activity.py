"""The activity log in words: each kind of event has one sentence, and its facts are formatted here, in the
reader's language (the sentences are marked for translation; dates, roles and answers are worded for it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_noop as N_

from assessments import languages
from assessments.engine import NP_, QUESTION_BY_KEY, answer_words, get_method
from assessments.models import ROLE_IN_SENTENCE, ActivityEvent
from assessments.presenters.charter_changes import describe_change

Kind = ActivityEvent.Kind

# What happened, as a whole sentence after the person's name ("alice" + "invited bob@… as editor"; in French
# "a invité …", in German "hat … eingeladen"); {fact} is a fact formatted below. A pair (NP_) is chosen by the
# count its fact names (PLURAL_BY), as ngettext chooses; a dict by the status it names.
SENTENCES: dict[str, Any] = {
    Kind.ORGANISATION_CREATED: N_("created the organisation “{name}”"),
    Kind.ORGANISATION_EDITED: N_("edited the organisation profile"),
    Kind.ASSESSMENT_STARTED: N_("started a new assessment"),
    Kind.ASSESSMENT_SCORED: N_("scored an assessment: {recommendation}"),
    Kind.ASSESSMENT_RESCORED: N_("re-scored an assessment under method {version}"),
    Kind.ASSESSMENT_IMPORTED: N_("imported an assessment from a JSON file"),
    Kind.ASSESSMENT_RENAMED: N_("renamed the assessment of {date} to “{name}”"),
    Kind.ASSESSMENT_NAME_REMOVED: N_("renamed the assessment of {date}, removing its name"),
    Kind.ASSESSMENT_DELETED: {
        "completed": N_("deleted the completed assessment of {date}"),
        "draft": N_("deleted the draft assessment of {date}"),
    },
    Kind.SCENARIO_SAVED: N_("scored a scenario explored from an earlier result, saved as a new assessment"),
    Kind.INVITED: N_("invited {email} as {role}"),
    Kind.INVITATION_WITHDRAWN: N_("withdrew the invitation of {email}"),
    Kind.JOINED: N_("joined as {role}"),
    Kind.ROLE_RAISED_BY_INVITATION: N_("changed role to {role} by invitation"),
    Kind.ROLE_CHANGED: N_("changed role of {member} to {role}"),
    Kind.MEMBER_REMOVED: N_("removed {member}"),
    Kind.RATING_REQUESTED: N_("asked {rater} to rate the assessment as “{label}”"),
    Kind.RATER_REMINDED: N_("reminded {rater} to rate the assessment as “{label}”"),
    Kind.RATINGS_DUE_SET: N_("set the ratings' due date to {due_on}"),
    Kind.RATINGS_DUE_CLEARED: N_("set no due date for the ratings"),
    Kind.RATING_SUBMITTED: N_("submitted a rating as “{label}”"),
    Kind.ANSWER_SETTLED: N_("settled “{question}” as {value}"),
    Kind.PANEL_USED: N_("used the panel's consolidated answers"),
    Kind.RESULTS_SHARED: NP_(
        "shared the results of {date} (read-only link, {days} day)",
        "shared the results of {date} (read-only link, {days} days)",
    ),
    Kind.SHARE_REVOKED: N_("revoked a read-only link to the results of {date}"),
    Kind.CHARTER_STARTED: N_("started the boundary charter, version {number}, from the advice of {date}"),
    Kind.CHARTER_VERSION_STARTED: N_("started the boundary charter, version {number}, from version {parent}"),
    Kind.CHARTER_EDITED: N_("edited the boundary charter, version {number}: {change}"),
    Kind.CHARTER_MORE_CHANGES: NP_(
        "edited the boundary charter, version {number}: {count} more change.",
        "edited the boundary charter, version {number}: {count} more changes.",
    ),
    Kind.CHARTER_SIGNED: N_("signed the boundary charter, version {number}"),
    Kind.CHARTER_AGREED: N_(
        "agreed the boundary charter, version {number}: every owner and editor has signed it"
    ),
    Kind.CHARTER_DELETED: N_("deleted the boundary charter, version {number}"),
    Kind.WEBHOOK_ADDED: N_("added a webhook sending {events} to {url}"),
    Kind.WEBHOOK_DELETED: N_("deleted the webhook to {url}"),
}
PLURAL_BY: dict[str, str] = {Kind.RESULTS_SHARED: "days", Kind.CHARTER_MORE_CHANGES: "count"}


def _date(value: str) -> str:
    moment = parse_datetime(value)
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT") if moment else value


def _day(value: str) -> str:
    day = parse_date(value)
    return formats.date_format(day, "DATE_FORMAT") if day else value


def _role(value: str) -> str:
    return str(ROLE_IN_SENTENCE.get(value, value))


def _recommendation(value: str) -> str:
    label = get_method().labels.get(value)
    return gettext(label) if label else value


FORMAT: dict[str, Callable[[Any], str]] = {
    "date": _date,
    "due_on": _day,
    "role": _role,
    "recommendation": _recommendation,
    "change": lambda value: describe_change(value, languages.wording()),
    "events": lambda value: ", ".join(value),  # the events' own names (assessment.completed, ...), as sent
}


def _settled(facts: dict[str, Any]) -> dict[str, str]:
    """The question by its wording and the answer in the engine's words, in the reader's language."""
    key, value = facts["key"], facts["value"]
    question = QUESTION_BY_KEY.get(key)
    if question is None:  # a question a later questionnaire no longer asks
        return {"question": key, "value": str(value)}
    try:
        return {"question": gettext(question.label), "value": answer_words(key, value, languages.wording())}
    except (KeyError, TypeError, ValueError):  # a value the question no longer offers
        return {"question": gettext(question.label), "value": str(value)}


def _sentence(event: ActivityEvent, facts: dict[str, Any]) -> tuple[str, str]:
    """(the sentence in the reader's language, the same in English)."""
    sentence = SENTENCES[event.kind]
    if isinstance(sentence, dict):
        sentence = sentence.get(facts.get("status", ""), sentence["completed"])
    if isinstance(sentence, tuple):
        one, other = sentence
        count = facts[PLURAL_BY[event.kind]]
        return ngettext(one, other, count), (one if count == 1 else other)
    return gettext(sentence), sentence


def describe(event: ActivityEvent) -> str:
    """What the person did, in one sentence (without their name), in the reader's language."""
    if not event.kind:  # logged as words before the log kept facts: shown as written (English)
        return f"{event.verb} {event.description}"
    facts = dict(event.facts)
    values = {name: FORMAT.get(name, str)(value) for name, value in facts.items()}
    if event.kind == Kind.ANSWER_SETTLED:
        values |= _settled(facts)
    translated, english = _sentence(event, facts)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation whose placeholders differ: say it in English
        return english.format(**values)


def activity_rows(events: Iterable[ActivityEvent]) -> list[dict[str, Any]]:
    return [{"when": e.created_at, "who": e.actor_name, "what": describe(e)} for e in events]
