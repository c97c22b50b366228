"""The entities stage: mentions of people, places, organisations, groups, events, works and laws.

spaCy's named entities are mapped to the contract's types and corrected by a rule layer kept as data
(``data/entity_*.toml``): ranks and titles become attributes, known bodies and states win over spaCy's type,
patterns mark operations, battles, titled works, articles of a code and rivers, licence strings are no
entities, bibliography entries give their author, title and publisher, acronyms in parentheses and originals
in another script are tied to the mention before them. A string's type is settled over the whole text (a
surname spaCy once called a nation is a person when a rank precedes it elsewhere), and every other occurrence
of a settled name is a mention too.

The stage does not build entities: it leaves its mentions in ``ctx.mentions`` (a list of
:class:`Mention`) for the names stage, which clusters them into ``story.entities``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronologue.model.story import Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.handoffs import Mention
from chronologue.pipeline.registry import Annotator

if TYPE_CHECKING:
    from spacy.tokens import Doc

from chronologue.annotators.entities.appositive import persons_after_nouns
from chronologue.annotators.entities.finder import Finder
from chronologue.annotators.entities.rules import SETTLED_TYPES
from chronologue.annotators.entities.settle import (
    article_led_person,
    bare_address,
    plain_word_misc,
    repeat_names,
    select,
    settle_types,
)
from chronologue.annotators.entities.spans import acronyms_everywhere


def find_mentions(story: Story, doc: Doc | None) -> list[Mention]:
    """All mentions of ``story`` in text order (``doc`` is the spaCy parse of ``story.text``)."""
    finder = Finder(story, doc)
    finder.phrases()
    finder.locative_places()
    finder.heading_places()
    finder.bibliography()  # before the given names: an author's given name is one the text gives
    finder.given_name_runs()
    finder.patterns()
    finder.spacy()
    mentions = select(finder.candidates, finder.blocked, finder.text)
    extra = finder.parenthesised(mentions)
    if extra:
        mentions = select(mentions + extra, finder.blocked, finder.text)
        acronyms_everywhere(mentions)
    settle_types(mentions, finder)
    mentions += persons_after_nouns(mentions, finder)
    mentions = [
        m
        for m in mentions
        if m.type in SETTLED_TYPES
        and not plain_word_misc(m)
        and not bare_address(m, finder)
        and not article_led_person(m)
    ]
    repeats = repeat_names(mentions, finder)
    mentions += repeats
    mentions += finder.other_names_after([m for m in repeats if m.type == "PERSON"], mentions)
    for mention in mentions:
        mention.role = finder.roles.at(mention.start)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def run(story: Story, ctx: Context) -> None:
    """Find the mentions of the story; the names stage turns them into entities."""
    ctx.mentions = find_mentions(story, ctx.doc)


ANNOTATOR = Annotator(
    "entities",
    run,
    requires=("ctx.doc", "story.structure"),
    assigns=("ctx.mentions",),
    description="Mentions of people, places, organisations, groups, events, works and laws.",
)
