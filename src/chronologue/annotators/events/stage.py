"""The events stage: event frames from the parse, anchored in time, and a timeline per person.

Reads ``ctx.doc`` (the one parse), the entities (participants and places, through the document's coreference), the
timexes, quotes (speakers of "I"), paragraphs, headings and figures (what is narrative flow). Writes
``story.events`` (``v1``, ``v2`` … in text order) and ``story.timelines``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from chronologue.annotators.events.anchoring import (
    FlowMap,
    Item,
    LookAhead,
    anchor,
    bare_clauses,
    horizon,
    link_times,
    links_of,
)
from chronologue.annotators.events.dates import iso
from chronologue.annotators.events.frames import Frame, build_frames
from chronologue.annotators.events.lexicon import Lexicon, load
from chronologue.annotators.events.participants import Resolver
from chronologue.annotators.events.syntax import Sentences
from chronologue.annotators.events.timelines import bound_by_birth, bound_by_death, build_timelines
from chronologue.model.story import Event, Participant, Span, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator

if TYPE_CHECKING:
    from spacy.tokens import Doc

def _speaker_lookup(story: Story) -> Callable[[int], str | None]:
    """Who says the words at an offset: the speaker of the quote holding it, or None."""
    quotes = sorted((q.start, q.end, q.speaker) for q in story.quotes if q.speaker)
    starts = [q[0] for q in quotes]

    def speaker_at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < quotes[i][1]:
            return quotes[i][2]
        return None

    return speaker_at


def _rank_lookup(story: Story) -> Callable[[str, int], str | None]:
    """The person a rank stands for ("the major"): of the persons with that rank attribute, the one named
    last before the offset."""
    by_rank: dict[str, list[tuple[int, str]]] = {}
    for entity in story.entities:
        rank = entity.attributes.get("rank") if entity.type == "PERSON" else None
        if isinstance(rank, str) and rank:
            by_rank.setdefault(rank.casefold(), []).extend((m.start, entity.id) for m in entity.mentions)
    for mentions in by_rank.values():
        mentions.sort()

    def ranked(word: str, offset: int) -> str | None:
        mentions = by_rank.get(word)
        if not mentions:
            return None
        i = bisect_right(mentions, (offset, "")) - 1
        return mentions[i][1] if i >= 0 else None

    return ranked


def make_resolver(story: Story, ctx: Context, sentences: Sentences | None = None) -> Resolver:
    """Entity look-ups for the frames, over the story's entities and the parse's subjects."""
    coref = ctx.coreference(story)
    assert ctx.doc is not None, "events are read from the parse"
    types = {e.id: e.type for e in story.entities}
    return Resolver(
        entity_at=coref.index.entity_at,
        resolve_pronoun=coref.subjects.resolve,
        speaker_at=_speaker_lookup(story),
        types=types,
        ranked=_rank_lookup(story),
        place_tokens=_place_tokens(story, ctx.doc),
        mention_span=lambda start, end: (found[0], found[1])
        if (found := coref.mention_at(start, end, persons_only=False)) else None,
        named=coref.entity_named,
        persons_by_name=coref.subjects.persons_by_name,
        likenesses=load().likenesses,
    )


def _place_tokens(story: Story, doc: Doc) -> frozenset[int]:
    """Indices of the tokens that lie in a mention of a place."""
    found: set[int] = set()
    for entity in story.entities:
        if entity.type != "PLACE":
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                found.update(range(span.start, span.end))
    return frozenset(found)


def _paragraph_clipper(story: Story) -> Callable[[int, tuple[int, int]], tuple[int, int]]:
    """Clips a sentence span to the paragraph holding an offset (the parser may run a heading into the
    sentence after it)."""
    spans = sorted((p.start, p.end) for p in story.structure.paragraphs)
    starts = [span[0] for span in spans]

    def clip(offset: int, sentence: tuple[int, int]) -> tuple[int, int]:
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset >= spans[i][1]:
            return sentence
        return max(sentence[0], spans[i][0]), min(sentence[1], spans[i][1])

    return clip


def _look_ahead_lookup(text: str, lexicon: Lexicon) -> Callable[[int, int], bool]:
    """Whether a span of the text holds a phrase of a later vantage ("Only in the 1990s did she learn"); the
    text is searched once."""
    found = [m.start() for m in lexicon.excursion.finditer(text)] if lexicon.excursion is not None else []

    def holds(start: int, end: int) -> bool:
        i = bisect_left(found, start)
        return i < len(found) and found[i] < end

    return holds


def _event(number: int, item: Item, frame: Frame, place: str | None) -> Event:
    return Event(
        id=f"v{number}",
        predicate=frame.rule.predicate,
        trigger=Span(start=frame.trigger[0], end=frame.trigger[1]),
        sentence=Span(start=frame.sentence[0], end=frame.sentence[1]),
        participants=[Participant(entity=entity, role=role) for entity, role in frame.participants],
        place=place,
        time=item.time_id,
        earliest=iso(item.earliest),
        latest=iso(item.latest),
        basis=item.basis,  # type: ignore[arg-type]
    )


def run(story: Story, ctx: Context) -> None:
    """Find the story's events, anchor them in time and order each person's events into a timeline."""
    doc = ctx.doc
    if doc is None:
        return
    lexicon = load()
    sentences = ctx.coreference(story).sentences  # the one sentence index of the parse, shared
    times = link_times(doc, story, lexicon)
    frames = build_frames(doc, lexicon, make_resolver(story, ctx, sentences), sentences, frozenset(times.by_noun))
    flow = FlowMap.build(story)
    items: list[Item] = []
    used: set[int] = set()
    looks_ahead = _look_ahead_lookup(story.text, lexicon)
    for frame in frames:
        clause, links = links_of(frame, times, lexicon)
        if clause >= 0:
            used.add(clause)
        in_flow = frame.rule.narrative and flow.in_flow(frame.start)
        item = Item(frame.start, flow.paragraph(frame.start), frame, links, in_flow)
        item.follows = any(c.dep_ == "advmod" and c.lower_ in lexicon.sequence for c in frame.clause.children)
        item.look_ahead_cue = looks_ahead(*frame.sentence)
        items.append(item)
    for clause in bare_clauses(doc, times, used, lexicon):
        start = doc[clause].idx
        if flow.in_flow(start):
            item = Item(start, flow.paragraph(start), None, times.by_clause[clause], True)
            sentence = sentences.of(doc[clause])
            item.look_ahead_cue = looks_ahead(sentence.start_char, sentence.end_char)
            items.append(item)
    items.sort(key=lambda item: item.start)
    anchor(items, flow, horizon(ctx.dct), LookAhead(lexicon.excursion_cue_years, lexicon.excursion_years))
    last_place: str | None = None
    clip = _paragraph_clipper(story)
    for item in items:
        if item.frame is None:
            continue
        frame = item.frame
        frame.sentence = clip(frame.start, frame.sentence)
        place = frame.place or (last_place if frame.place_is_there else None)
        last_place = place or last_place
        story.events.append(_event(len(story.events) + 1, item, frame, place))
    people = {e.id for e in story.entities if e.type == "PERSON"}
    bound_by_birth(story, people)
    bound_by_death(story, people, lexicon.alive)
    story.timelines = build_timelines(story)


ANNOTATOR = Annotator(
    "events",
    run,
    requires=(
        "ctx.doc",
        "story.structure",
        "story.entities",
        "story.timexes",
        "story.quotes",
        "story.figures",
        "story.citations",
    ),
    assigns=("story.events", "story.timelines"),
    description="Events with participants, place and day bounds; a timeline per person.",
)
