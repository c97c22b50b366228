"""The coreference chains written into the story: each person's mentions with their kind.

A person entity's mentions are its names (kind ``name``, found by the entities and names stages), the he/she
pronouns of the narration the salience pass gave to it (``pronoun``) and the person nouns that are that person
(``nominal``: ``his wife`` where the text names her, ``the doctor`` where one person bears the title). Pronouns
and nouns inside quotations stay out: who "he" is in someone's speech is not the narration's to say.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from chronologue.model.story import Span

if TYPE_CHECKING:
    from chronologue.lib.coref.resolver import Coreference
    from chronologue.model.story import Story


def write_chains(story: Story, coref: Coreference) -> None:
    """Mark the names of every person entity and add the pronouns and person nouns that refer to it."""
    people = {e.id: e for e in story.entities if e.type == "PERSON"}
    if not people:
        return
    doc = coref.sentences.doc
    pronouns, nouns = coref.salience.resolved()
    added: dict[str, list[Span]] = {}
    for i, found in pronouns.items():
        if found.entity in people:
            token = doc[i]
            added.setdefault(found.entity, []).append(Span(start=token.idx, end=token.idx + len(token), kind="pronoun"))
    for found in nouns.values():
        if found.entity in people:
            start, end = found.mention
            added.setdefault(found.entity, []).append(Span(start=start, end=end, kind="nominal"))
    for entity in people.values():
        for mention in entity.mentions:
            mention.kind = mention.kind or "name"
        if entity.id not in added:
            continue
        names = sorted((m.start, m.end) for m in entity.mentions)
        extra = [m for m in added[entity.id] if not _overlaps(m, names)]
        entity.mentions = sorted([*entity.mentions, *extra], key=lambda m: (m.start, m.end))


def _overlaps(mention: Span, names: list[tuple[int, int]]) -> bool:
    """Whether a mention overlaps one of the sorted name spans (names never nest deeper than one inside one)."""
    i = bisect_left(names, (mention.end, mention.end))
    return any(names[j][0] < mention.end and mention.start < names[j][1] for j in range(max(0, i - 2), i))
