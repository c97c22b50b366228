"""The trained speaker ranker applied to a story's quotations (after the rules attributed them).

A scene (``ranking.Scene``) is built either from a story being analysed (names from its entities, pronouns and
person nouns from the document's coreference) or from a story's JSON whose person mentions carry their kind
(what ``tools/train_speakers.py`` reads): the same mentions either way, so the model sees in the pipeline what it
was trained on. ``CHRONOLOGUE_SPEAKER_RANKER=0`` leaves the rules' speakers as they are (training reads those).
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING, Any

from chronologue.annotators.quotes.ranking import MentionRow, QuoteRow, Scene, load_model
from chronologue.model.story import Span

if TYPE_CHECKING:
    from chronologue.lib.coref import Coreference
    from chronologue.model.story import Quote, Story

WORDS_KINDS = ("speech", "writing")
SWITCH = "CHRONOLOGUE_SPEAKER_RANKER"
_SEX_OF_PRONOUN = {"he": "male", "him": "male", "his": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}


def enabled() -> bool:
    """False when ``CHRONOLOGUE_SPEAKER_RANKER=0``: the rules' speakers stand."""
    return os.environ.get(SWITCH, "1") != "0"


def _genders(text: str, people: dict[str, dict[str, Any]], mentions: list[MentionRow]) -> dict[str, str]:
    """A person's sex: as the entity states it, else the sex of most pronouns in its chain."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.kind == "pronoun":
            sex = _SEX_OF_PRONOUN.get(text[m.start:m.end].lower())
            if sex is not None:
                votes.setdefault(m.entity, Counter())[sex] += 1
    found = {}
    for entity, attributes in people.items():
        stated = attributes.get("gender")
        if stated in ("female", "male"):
            found[entity] = stated
        elif entity in votes:
            found[entity] = votes[entity].most_common(1)[0][0]
    return found


def scene_of_json(data: dict[str, Any]) -> Scene:
    """The scene of a story's JSON (``chronologue analyze --format json``)."""
    text = data["text"]
    people = {e["id"]: e.get("attributes") or {} for e in data.get("entities", []) if e.get("type") == "PERSON"}
    mentions = sorted(
        MentionRow(m["start"], m["end"], e["id"], m.get("kind") or "name")
        for e in data.get("entities", []) if e["id"] in people for m in e.get("mentions", [])
    )
    quotes = data.get("quotes", [])
    rows = [_quote_row(q["start"], q["end"], q.get("speaker"), q.get("speaker_mention")) for q in quotes
            if q.get("kind") in WORDS_KINDS]
    paragraphs = sorted((p["start"], p["end"]) for p in (data.get("structure") or {}).get("paragraphs", []))
    return Scene(text, rows, mentions, paragraphs or [(0, len(text))], _genders(text, people, mentions),
                 sorted((q["start"], q["end"]) for q in quotes))


def _quote_row(start: int, end: int, speaker: str | None, mention: Any) -> QuoteRow:
    if mention is None:
        span = None
    elif isinstance(mention, dict):
        span = (mention["start"], mention["end"])
    else:
        span = (mention.start, mention.end)
    return QuoteRow(start, end, speaker, span)


def scene_of_story(story: Story, coref: Coreference) -> Scene:
    """The scene of a story being analysed: its names and the coreference's pronouns and person nouns."""
    people = {e.id: e.attributes for e in story.entities if e.type == "PERSON"}
    rows = [MentionRow(m.start, m.end, e.id, "name") for e in story.entities if e.id in people for m in e.mentions]
    doc = coref.sentences.doc
    pronouns, nouns = coref.salience.resolved()
    for i, found in pronouns.items():
        if found.entity in people:
            token = doc[i]
            rows.append(MentionRow(token.idx, token.idx + len(token), found.entity, "pronoun"))
    for found in nouns.values():
        if found.entity in people:
            rows.append(MentionRow(found.mention[0], found.mention[1], found.entity, "nominal"))
    rows.sort()
    text = story.text
    quotes = [_quote_row(q.start, q.end, q.speaker, q.speaker_mention) for q in story.quotes if q.kind in WORDS_KINDS]
    paragraphs = sorted((p.start, p.end) for p in story.structure.paragraphs)
    return Scene(text, quotes, rows, paragraphs or [(0, len(text))], _genders(text, people, rows),
                 sorted((q.start, q.end) for q in story.quotes))


def rerank(story: Story, coref: Coreference) -> None:
    """Give each spoken quotation the model decides (where the rules name no one; with a model trained to, also
    where they guess from afar) the candidate the shipped model ranks first."""
    spoken: list[Quote] = [q for q in story.quotes if q.kind in WORDS_KINDS]
    if not spoken:
        return
    model = load_model()
    scene = scene_of_story(story, coref)
    starts = [m.start for m in scene.mentions]
    for quote, row, chosen in zip(spoken, scene.quotes, model.speakers(scene), strict=True):
        if chosen is None or chosen == quote.speaker or not model.overrules(scene.text, row):
            continue  # the rules' answer stands (a name or pronoun next to the quotation, or, with a model that
            # only fills, anyone they named, unnamed ones too: "one of the camp's cooks")
        quote.speaker = chosen
        quote.speaker_mention = _nearest_mention(scene, starts, chosen, row)


def _nearest_mention(scene: Scene, starts: list[int], entity: str, quote: QuoteRow) -> Span | None:
    """The chosen speaker's mention nearest the quotation in its paragraph, outside quotations, else None."""
    here = scene.paragraph(quote.start)
    lo, hi = bisect_left(starts, quote.start - 400), bisect_left(starts, quote.end + 200)
    best: tuple[int, MentionRow] | None = None
    for m in scene.mentions[lo:hi]:
        if m.entity != entity or scene.inside_quote(m.start) or scene.paragraph(m.start) != here:
            continue
        distance = quote.start - m.end if m.end <= quote.start else m.start - quote.end
        if best is None or distance < best[0]:
            best = (distance, m)
    return Span(start=best[1].start, end=best[1].end) if best is not None else None
