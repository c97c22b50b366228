"""Cross-document identities: one corpus person per real person, one corpus place per place, one entry per
organisation, work or other named thing, over the stories of a corpus.

People are matched with ``chronologue.lib.identity`` on the names and aliases each story gives them: spellings and
transliterations merge (Orlov, Orłow, Орлов), different given names never (Ivan Orlov is not Mikhail Orlov), and
a surname alone joins a person only when exactly one person of the corpus fits it. Places merge by gazetteer id,
else by name (an unlocated name joins the one located place of that name); the rest by type and name.
The result depends only on the stories and their order, never on how they were analysed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chronologue.corpus.model import CorpusEntity, CorpusTimeline, Member, TimelineEntry
from chronologue.lib.identity import PersonName, name_key, parse_person_name, same_person, surname_key
from chronologue.lib.unionfind import UnionFind
from chronologue.model.story import Entity, Story

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
SENTENCE_LIMIT = 400


@dataclass(slots=True)
class _Candidate:
    """One story entity waiting for its corpus entity."""

    document: str
    story: Story
    entity: Entity

    @property
    def forms(self) -> list[str]:
        """The entity's name and aliases, each once."""
        return list(dict.fromkeys([self.entity.name, *self.entity.aliases]))


@dataclass(slots=True, eq=False)
class _Group:
    """Candidates found to be one corpus entity."""

    members: list[_Candidate] = field(default_factory=list)
    full: dict[PersonName, None] = field(default_factory=dict)  # people: the full names, each once, in order
    order: int = 0  # people: when the group was made


def normalised(name: str) -> str:
    """A name folded for matching: no leading article, one script and spelling (``name_key``)."""
    return name_key(_ARTICLE.sub("", name.strip()))


def _parsed(forms: Iterable[str]) -> list[PersonName]:
    return [parse_person_name(form) for form in forms]


def _full(names: Iterable[PersonName]) -> list[PersonName]:
    return [n for n in names if n.given and n.surname]


def _blocks(names: Iterable[PersonName]) -> set[str]:
    """Surname keys a person is looked up under (``h`` also read as ``g``: Hohol, Gogol)."""
    keys = set()
    for name in names:
        key = surname_key(name)
        if key:
            keys.update({key, key.replace("h", "g")})
    return keys


def _fits(group: _Group, names: list[PersonName]) -> bool:
    """Whether every full name of the group can be the same person as every one of ``names``."""
    return all(same_person(a, b) for a in group.full for b in names)


def _people(candidates: list[_Candidate]) -> list[_Group]:
    """Cluster person entities: full names first (every full name of a group agrees with every other), then
    surname-only names into the one group they fit; given names alone stay with their own document."""
    groups: list[_Group] = []
    by_surname: dict[str, list[_Group]] = {}
    deferred: list[tuple[_Candidate, list[PersonName]]] = []
    for candidate in candidates:
        names = _parsed(candidate.forms)
        full = _full(names)
        if not full:
            deferred.append((candidate, names))
            continue
        options = {id(g): g for key in sorted(_blocks(full)) for g in by_surname.get(key, [])}
        fitting = [g for g in options.values() if _fits(g, full)]
        group = min(fitting, key=lambda g: g.order) if fitting else None
        if group is None:
            group = _Group(order=len(groups))
            groups.append(group)
        group.members.append(candidate)
        group.full.update(dict.fromkeys(full))
        for key in _blocks(full):
            if group not in by_surname.setdefault(key, []):
                by_surname[key].append(group)
    surname_only: dict[str, _Group] = {}
    for candidate, names in deferred:
        keys = _blocks(n for n in names if n.surname)
        if not keys:  # a given name alone (or nothing a name parser can read): this document's own person
            groups.append(_Group([candidate]))
            continue
        options = {id(g): g for key in sorted(keys) for g in by_surname.get(key, [])}
        fitting = [g for g in options.values() if _fits(g, [n for n in names if n.surname])]
        if len(fitting) == 1:
            fitting[0].members.append(candidate)
        elif fitting:  # ambiguous between people of that surname: its own
            groups.append(_Group([candidate]))
        elif min(keys) in surname_only:  # no full name fits: the same surname alone elsewhere
            surname_only[min(keys)].members.append(candidate)
        else:
            surname_only[min(keys)] = _Group([candidate])
            groups.append(surname_only[min(keys)])
    return groups


def _by_keys(candidates: list[_Candidate], keys: list[list[str]]) -> list[_Group]:
    """Candidates sharing any key are one group (groups in the order of their first candidate)."""
    union = UnionFind(len(candidates))
    first: dict[str, int] = {}
    for index, own in enumerate(keys):
        for key in own:
            if key in first:
                union.join(first[key], index)
            else:
                first[key] = index
    grouped: dict[int, _Group] = {}
    for index, candidate in enumerate(candidates):
        grouped.setdefault(union.find(index), _Group()).members.append(candidate)
    return list(grouped.values())


def _places(candidates: list[_Candidate]) -> list[_Group]:
    """Located places by gazetteer id; an unlocated one by name, joining the one located place of its name."""
    located = [c for c in candidates if c.entity.geo is not None]
    groups = _by_keys(located, [[c.entity.geo.source_id] for c in located if c.entity.geo is not None])
    by_name: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        for member in group.members:
            for form in member.forms:
                by_name.setdefault(normalised(form), set()).add(index)
    unlocated = [c for c in candidates if c.entity.geo is None]
    loose = []
    for candidate in unlocated:
        homes = {i for form in candidate.forms for i in by_name.get(normalised(form), ())}
        if len(homes) == 1:
            groups[homes.pop()].members.append(candidate)
        else:
            loose.append(candidate)
    return groups + _by_keys(loose, [[normalised(f) for f in c.forms] for c in loose])


def _others(candidates: list[_Candidate]) -> list[_Group]:
    """Organisations, works and the rest: one per type and normalised name (or alias)."""
    return _by_keys(candidates, [[f"{c.entity.type}:{normalised(f)}" for f in c.forms] for c in candidates])


def _mentions(candidate: _Candidate) -> int:
    return len(candidate.entity.mentions)


def _corpus_entity(group: _Group, entity_id: str) -> CorpusEntity:
    members = group.members
    people = members[0].entity.type == "PERSON"

    def weight(c: _Candidate) -> tuple[int, int, int]:
        full = 1 if people and _full(_parsed([c.entity.name])) else 0
        return full, _mentions(c), len(c.entity.name)

    best = max(members, key=weight)  # max keeps the first of equals: document order
    forms = [form for c in members for form in c.forms]
    aliases = [form for form in dict.fromkeys(forms) if form != best.entity.name]
    located = next((c.entity.geo for c in members if c.entity.geo is not None), None)
    return CorpusEntity(
        id=entity_id, type=best.entity.type, name=best.entity.name, aliases=aliases,
        mentions=sum(_mentions(c) for c in members), documents=len({c.document for c in members}),
        members=[Member(document=c.document, entity=c.entity.id, name=c.entity.name, mentions=_mentions(c))
                 for c in members],
        geo=located,
    )


def _ranked(groups: list[_Group], prefix: str) -> list[CorpusEntity]:
    """Corpus entities numbered from the most mentioned (ties: the first met)."""
    order = sorted(range(len(groups)), key=lambda i: (-sum(_mentions(c) for c in groups[i].members), i))
    return [_corpus_entity(groups[i], f"{prefix}{rank}") for rank, i in enumerate(order, 1)]


def _squash(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= SENTENCE_LIMIT else text[: SENTENCE_LIMIT - 1].rstrip() + "…"


def merged_timeline(person: CorpusEntity, stories: dict[str, Story], order: dict[str, int],
                    places: dict[tuple[str, str], str] | None = None) -> CorpusTimeline:
    """The events of every member's story timeline, sorted by earliest then latest bound (undated last), then
    by document and the story's own order. ``places`` maps (document, entity id) to the corpus place."""
    places = places or {}
    rows: list[tuple[tuple, TimelineEntry]] = []
    seen = set()
    for member in person.members:
        story = stories[member.document]
        events = {e.id: e for e in story.events}
        for timeline in story.timelines:
            if timeline.entity != member.entity:
                continue
            for position, event_id in enumerate(timeline.events):
                event = events.get(event_id)
                if event is None or (member.document, event_id) in seen:
                    continue
                seen.add((member.document, event_id))
                place = story.entity(event.place)
                entry = TimelineEntry(
                    document=member.document, event=event.id, entity=member.entity, predicate=event.predicate,
                    sentence=_squash(story.snippet(event.sentence.start, event.sentence.end)),
                    earliest=event.earliest, latest=event.latest, place=place.name if place else None,
                    place_id=places.get((member.document, place.id)) if place else None, basis=event.basis,
                )
                key = (event.earliest is None, event.earliest or "", event.latest or "",
                       order[member.document], position)
                rows.append((key, entry))
    rows.sort(key=lambda row: row[0])
    return CorpusTimeline(person=person.id, events=[entry for _, entry in rows])


def resolve(stories: Sequence[tuple[str, Story]]) -> tuple[list[CorpusEntity], list[CorpusEntity],
                                                           list[CorpusEntity], list[CorpusTimeline]]:
    """People, places, other entities and the people's merged timelines of ``(document id, story)`` pairs."""
    people, places, others = [], [], []
    for document, story in stories:
        for entity in story.entities:
            candidate = _Candidate(document, story, entity)
            if entity.type == "PERSON":
                people.append(candidate)
            elif entity.type == "PLACE":
                places.append(candidate)
            else:
                others.append(candidate)
    people.sort(key=lambda c: 0 if _full(_parsed(c.forms)) else 1)  # stable: document order within each
    corpus_people, corpus_places = _ranked(_people(people), "p"), _ranked(_places(places), "l")
    by_id = dict(stories)
    order = {document: index for index, (document, _) in enumerate(stories)}
    place_of = {(m.document, m.entity): place.id for place in corpus_places for m in place.members}
    timelines = [merged_timeline(p, by_id, order, place_of) for p in corpus_people]
    return corpus_people, corpus_places, _ranked(_others(others), "o"), timelines
