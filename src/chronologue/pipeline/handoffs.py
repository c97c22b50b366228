"""Typed hand-offs between annotators: what one annotator leaves for later ones that is not in the story."""

from __future__ import annotations

from dataclasses import dataclass, field

PRIORITY_RULE = 3  # a mention found by a rule of the data tables
PRIORITY_SPACY = 1  # a mention spaCy's recogniser found
PRIORITY_PROPAGATED = 0  # a mention copied from another occurrence of the same words


@dataclass(eq=False)
class Mention:
    """One mention: a span of ``story.text`` with its type and what the rules learnt about it."""

    start: int
    end: int
    type: str
    source: str  # "spacy:LABEL", "rule:NAME", "known", "title", "bibliography:FIELD", "acronym", "script", "repeat"
    priority: int = PRIORITY_SPACY
    text: str = ""
    rank: str | None = None
    gender: str | None = None
    canonical: str | None = None  # the name of a known entry ("Soviet Union" for "USSR")
    alias_of: Mention | None = None  # an acronym or an original-script form of this mention
    role: str = "body"  # the paragraph role (body, bibliography, caption, ...)
    nested: bool = False  # may sit inside another mention
    relative: bool = False  # named as someone's kin or friend ("his brother Ivan Horvat"): a secondary person


@dataclass
class ClaimContext:
    """What the claims annotator learnt of each claim that the findings annotator compares."""

    heads: dict[str, str] = field(default_factory=dict)  # claim id -> head lemma of its subject
    sentences: dict[str, tuple[int, int]] = field(default_factory=dict)  # claim id -> its sentence's span
