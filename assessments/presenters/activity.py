"""The activity log in words: each kind of event has one sentence, and its facts are formatted here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import dateformat, timezone
from django.utils.dateparse import parse_date, parse_datetime

from assessments.charter_rules import describe_change
from assessments.engine import QUESTION_BY_KEY, answer_words, get_method
from assessments.models import ActivityEvent, Assessment, Role

Kind = ActivityEvent.Kind

# What happened, as a whole sentence after the person's name; {fact} is a fact formatted below. A pair is
# (one, other) chosen by the count its third item names, as ngettext chooses.
SENTENCES: dict[str, str | tuple[str, str, str]] = {
    Kind.ORGANISATION_CREATED: "created the organisation “{name}”",
    Kind.ORGANISATION_EDITED: "edited the organisation profile",
    Kind.ASSESSMENT_STARTED: "started a new assessment",
    Kind.ASSESSMENT_SCORED: "scored an assessment: {recommendation}",
    Kind.ASSESSMENT_RESCORED: "re-scored an assessment under method {version}",
    Kind.ASSESSMENT_IMPORTED: "imported an assessment from a JSON file",
    Kind.ASSESSMENT_RENAMED: "renamed the assessment of {date} to “{name}”",
    Kind.ASSESSMENT_NAME_REMOVED: "renamed the assessment of {date}, removing its name",
    Kind.ASSESSMENT_DELETED: "deleted the {status} assessment of {date}",
    Kind.SCENARIO_SAVED: "scored a scenario explored from an earlier result, saved as a new assessment",
    Kind.INVITED: "invited {email} as {role}",
    Kind.INVITATION_WITHDRAWN: "withdrew the invitation of {email}",
    Kind.JOINED: "joined as {role}",
    Kind.ROLE_RAISED_BY_INVITATION: "changed role to {role} by invitation",
    Kind.ROLE_CHANGED: "changed role of {member} to {role}",
    Kind.MEMBER_REMOVED: "removed {member}",
    Kind.RATING_REQUESTED: "asked {rater} to rate the assessment as “{label}”",
    Kind.RATER_REMINDED: "reminded {rater} to rate the assessment as “{label}”",
    Kind.RATINGS_DUE_SET: "set the ratings' due date to {due_on}",
    Kind.RATINGS_DUE_CLEARED: "set no due date for the ratings",
    Kind.RATING_SUBMITTED: "submitted a rating as “{label}”",
    Kind.ANSWER_SETTLED: "settled “{question}” as {value}",
    Kind.PANEL_USED: "used the panel's consolidated answers",
    Kind.RESULTS_SHARED: (
        "shared the results of {date} (read-only link, {days} day)",
        "shared the results of {date} (read-only link, {days} days)",
        "days",
    ),
    Kind.SHARE_REVOKED: "revoked a read-only link to the results of {date}",
    Kind.CHARTER_STARTED: "started the boundary charter, version {number}, from the advice of {date}",
    Kind.CHARTER_VERSION_STARTED: "started the boundary charter, version {number}, from version {parent}",
    Kind.CHARTER_EDITED: "edited the boundary charter, version {number}: {change}",
    Kind.CHARTER_MORE_CHANGES: (
        "edited the boundary charter, version {number}: {count} more change.",
        "edited the boundary charter, version {number}: {count} more changes.",
        "count",
    ),
    Kind.CHARTER_SIGNED: "signed the boundary charter, version {number}",
    Kind.CHARTER_AGREED: "agreed the boundary charter, version {number}: every owner and editor has signed it",
    Kind.CHARTER_DELETED: "deleted the boundary charter, version {number}",
}


def _date(value: str) -> str:
    moment = parse_datetime(value)
    return dateformat.format(timezone.localtime(moment), "d M Y") if moment else value


def _day(value: str) -> str:
    day = parse_date(value)
    return dateformat.format(day, "j F Y") if day else value


def _label(choices: Any) -> Callable[[str], str]:
    return lambda value: str(choices(value).label).lower() if value in choices.values else value


FORMAT: dict[str, Callable[[Any], str]] = {
    "date": _date,
    "due_on": _day,
    "role": _label(Role),
    "status": _label(Assessment.Status),
    "recommendation": lambda value: get_method().labels.get(value, value),
    "change": describe_change,
}


def _settled(facts: dict[str, Any]) -> dict[str, str]:
    """The question by its wording and the answer in the engine's words."""
    key, value = facts["key"], facts["value"]
    question = QUESTION_BY_KEY.get(key)
    if question is None:  # a question a later questionnaire no longer asks
        return {"question": key, "value": str(value)}
    try:
        return {"question": question.label, "value": answer_words(key, value)}
    except (KeyError, TypeError, ValueError):  # a value the question no longer offers
        return {"question": question.label, "value": str(value)}


def describe(event: ActivityEvent) -> str:
    """What the person did, in one sentence (without their name)."""
    if not event.kind:  # logged as words before the log kept facts
        return f"{event.verb} {event.description}"
    facts = dict(event.facts)
    values = {name: FORMAT.get(name, str)(value) for name, value in facts.items()}
    if event.kind == Kind.ANSWER_SETTLED:
        values |= _settled(facts)
    sentence = SENTENCES[event.kind]
    if isinstance(sentence, tuple):
        one, other, count = sentence
        sentence = one if facts[count] == 1 else other
    return sentence.format(**values)


def activity_rows(events: Iterable[ActivityEvent]) -> list[dict[str, Any]]:
    return [{"when": e.created_at, "who": e.actor_name, "what": describe(e)} for e in events]
