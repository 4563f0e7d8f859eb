"""How a change to a charter reads, in the activity log and when two versions are compared.

A change is a fact the charter's rules find (`charter/rules.py`: {"change": kind, and the names and letters it
involves}); here it is worded, in the reader's language. It lives with the shared presenters so the activity
log words charter edits without importing the charter feature (the charter imports this, not the other way).
"""

from __future__ import annotations

from assessments.engine.i18n import ENGLISH, N_, Wording, translate

# Comparing two versions.
CH_CELL = N_("“{row}”, {role}: {old} became {new}.")
CH_ROLE_ADDED = N_("The role {role} was added.")
CH_ROLE_REMOVED = N_("The role {role} was removed.")
CH_ROLE_RENAMED = N_("The role {old} is now {new}.")
CH_ROW_ADDED = N_("The row “{row}” was added.")
CH_ROW_REMOVED = N_("The row “{row}” was removed.")
CH_ROW_RENAMED = N_("The row “{old}” is now “{new}”.")
CH_SHARED_ON = N_("The row “{row}” is now under shared governance.")
CH_SHARED_OFF = N_("The row “{row}” is no longer under shared governance.")
CH_ROW_FORUM = N_("The row “{row}” is now governed by {forum}.")
CH_FORUM_ADDED = N_("The forum “{forum}” was added.")
CH_FORUM_REMOVED = N_("The forum “{forum}” was removed.")
CH_FORUM_CHANGED = N_("The forum “{forum}” changed: {field} was “{old}” and is now “{new}”.")
CH_NOTES = N_("The notes changed.")
NO_FORUM = N_("no forum")
EMPTY = "–"
FORUM_FIELDS = {
    "name": N_("its name"),
    "members": N_("its members"),
    "decides": N_("what it decides"),
    "how": N_("how it decides"),
    "tie_breaker": N_("who breaks a tie"),
    "meets": N_("how often it meets"),
}


# A change is a fact ({"change": kind, and the names and letters it involves}); describe_change words it.
CHANGE_TEXTS = {
    "cell": CH_CELL,
    "role_added": CH_ROLE_ADDED,
    "role_removed": CH_ROLE_REMOVED,
    "role_renamed": CH_ROLE_RENAMED,
    "row_added": CH_ROW_ADDED,
    "row_removed": CH_ROW_REMOVED,
    "row_renamed": CH_ROW_RENAMED,
    "shared_on": CH_SHARED_ON,
    "shared_off": CH_SHARED_OFF,
    "row_forum": CH_ROW_FORUM,
    "forum_added": CH_FORUM_ADDED,
    "forum_removed": CH_FORUM_REMOVED,
    "forum_changed": CH_FORUM_CHANGED,
    "notes": CH_NOTES,
}
Change = dict[str, str]


def describe_change(change: Change, wording: Wording = ENGLISH) -> str:
    """One change in words, in `wording`'s language (the names in it are the team's own)."""
    values = {name: value for name, value in change.items() if name != "change"}
    if change["change"] == "cell":
        values = values | {"old": values["old"] or EMPTY, "new": values["new"] or EMPTY}
    elif change["change"] == "forum_changed":
        values["field"] = translate(FORUM_FIELDS[values["field"]], wording)
    elif change["change"] == "row_forum" and values["forum"] == NO_FORUM:
        values["forum"] = translate(NO_FORUM, wording)
    template = translate(CHANGE_TEXTS[change["change"]], wording)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation whose placeholders differ: say it in English
        return CHANGE_TEXTS[change["change"]].format(**values)
