"""The pages of the corpus browser, built in Python like the report (``export/report``): every value from a
document goes through ``esc``, and no page loads anything but the site's own stylesheets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from chronologue.corpus.model import Corpus, CorpusEntity, CorpusTimeline, DocumentEntry
from chronologue.corpus.resolve import normalised
from chronologue.export.report import worldmap
from chronologue.export.report.markup import el, esc, shorten
from chronologue.model.story import Entity, Event, Participant, Source, Span, Story, Timeline

STYLES = ("/static/report.css", "/static/web.css")
CONTEXT = 70  # characters either side of a mention
MENTION_LIMIT = 40  # mentions shown per document on an entity page
TYPE_NAMES = {"ORG": "Organisation", "GROUP": "Group", "EVENT": "Event", "WORK": "Work", "LAW": "Law",
              "MISC": "Other", "PERSON": "Person", "PLACE": "Place"}
StoryOf = Callable[[str], Story | None]


def page(title: str, body: str) -> str:
    """A whole page around ``body`` (already markup)."""
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in STYLES)
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)} · chronologue</title>{links}</head><body>"
            f'<nav class="toc"><a href="/">Corpus</a><a href="/#people">People</a><a href="/#places">Places</a>'
            f'<a href="/#documents">Documents</a><a href="/#others">Organisations and works</a></nav>'
            f"{body}</body></html>\n")


def _section(key: str, title: str, body: str) -> str:
    return el("section", el("h2", esc(title)) + body, id=key, class_="part")


def person_href(entity: CorpusEntity) -> str:
    """The page of a corpus entity: ``/person/p1`` for people, ``/entity/l1`` for the rest."""
    return f"/{'person' if entity.type == 'PERSON' else 'entity'}/{entity.id}"


def _matches(query: str, *texts: str | None) -> bool:
    """Whether ``query`` is in any of the texts, as typed or folded (Orłow finds Orlov, Орлов too)."""
    if not query:
        return True
    plain, folded = query.casefold(), normalised(query)
    for text in texts:
        if text and (plain in text.casefold() or (folded and folded in normalised(text))):
            return True
    return False


def _entity_rows(entities: Iterable[CorpusEntity], with_type: bool = False) -> str:
    rows = []
    for entity in entities:
        aliases = shorten(", ".join(entity.aliases), 120)
        cells = [el("td", el("a", esc(entity.name), href=person_href(entity)))]
        if with_type:
            cells.append(el("td", esc(TYPE_NAMES.get(entity.type, entity.type))))
        cells += [el("td", esc(aliases), class_="muted"), el("td", str(entity.documents), class_="num"),
                  el("td", str(entity.mentions), class_="num")]
        rows.append(el("tr", "".join(cells), id=entity.id))
    if not rows:
        return el("p", "None.", class_="empty")
    head = "<th>Name</th>" + ("<th>Type</th>" if with_type else "") + \
        "<th>Also written</th><th>Documents</th><th>Mentions</th>"
    return el("table", el("thead", el("tr", head)) + el("tbody", "".join(rows)), class_="tl-table corpus-table")


def _document_rows(documents: Iterable[DocumentEntry]) -> str:
    rows = []
    for document in documents:
        c = document.counts
        rows.append(el("tr", "".join([
            el("td", el("a", esc(document.title or document.path), href=f"/doc/{document.id}")),
            el("td", esc(document.path), class_="muted"),
            el("td", str(c.get("people", 0)), class_="num"), el("td", str(c.get("places", 0)), class_="num"),
            el("td", str(c.get("events", 0)), class_="num"),
            el("td", el("a", "JSON", href=f"/doc/{document.id}.json")),
        ]), id=document.id))
    if not rows:
        return el("p", "None.", class_="empty")
    head = "<th>Title</th><th>File</th><th>People</th><th>Places</th><th>Events</th><th>Story</th>"
    return el("table", el("thead", el("tr", head)) + el("tbody", "".join(rows)), class_="tl-table corpus-table")


def _map(places: list[CorpusEntity], counts: dict[str, int] | None = None, person: CorpusEntity | None = None,
         route: list[str] | None = None) -> str:
    """The places on the report's world map, drawn from a story made of the corpus places (sized by ``counts``,
    else by their mentions) and, for a person, their path through ``route`` (place ids in timeline order)."""
    if not any(p.geo is not None for p in places):
        return el("p", "No place here has coordinates.", class_="empty")
    counts = counts or {p.id: p.mentions for p in places}
    entities = [Entity(id=p.id, type="PLACE", name=p.name, geo=p.geo, mentions=[Span(start=0, end=0)] * counts[p.id])
                for p in places]
    events, timelines = [], []
    if person is not None and route:
        entities.append(Entity(id=person.id, type="PERSON", name=person.name))
        events = [Event(id=f"v{i}", predicate="", trigger=Span(start=0, end=0), sentence=Span(start=0, end=0),
                        participants=[Participant(entity=person.id, role="agent")], place=place_id)
                  for i, place_id in enumerate(route, 1)]
        timelines = [Timeline(entity=person.id, events=[e.id for e in events])]
    story = Story(source=Source(sha256="0" * 64), text="", entities=entities, events=events, timelines=timelines)
    return worldmap.section(story)


def _person_places(timeline: CorpusTimeline | None, corpus: Corpus, person: CorpusEntity) -> str:
    """The map of the places of a person's events across documents, with their path in timeline order."""
    route = [e.place_id for e in (timeline.events if timeline else []) if e.place_id]
    if not route:
        return el("p", "No event of this person has a place.", class_="empty")
    counts: dict[str, int] = {}
    for place_id in route:
        counts[place_id] = counts.get(place_id, 0) + 1
    places = [p for p in corpus.places if p.id in counts]
    listed = "".join(el("li", el("a", esc(p.name), href=f"/entity/{p.id}")
                           + el("span", f" · {counts[p.id]} event{'s' if counts[p.id] != 1 else ''}", class_="muted"),
                           id=p.id) for p in places)
    return _map(places, counts, person, route) + el("ul", listed, class_="person-places")


def corpus_page(corpus: Corpus, query: str = "") -> str:
    """The corpus: a search box, its documents, people, places (with a map) and the other entities."""
    documents = [d for d in corpus.documents if _matches(query, d.title, d.path)]
    people = [p for p in corpus.people if _matches(query, p.name, *p.aliases)]
    places = [p for p in corpus.places if _matches(query, p.name, *p.aliases)]
    others = [o for o in corpus.others if _matches(query, o.name, *o.aliases)]
    search = el("form", el("label", "Search names, places and titles ", for_="q")
                + f'<input type="search" id="q" name="q" value="{esc(query)}" placeholder="Orlov, Орлов, Kaunas…">'
                + '<button type="submit">Search</button>'
                + (el("a", "show all", href="/", class_="small") if query else ""),
                action="/", method="get", class_="search", role="search")
    stats = "".join(el("li", el("a", f"<b>{len(items)}</b> {label}", href=f"#{key}")) for items, label, key in [
        (documents, "documents", "documents"), (people, "people", "people"), (places, "places", "places"),
        (others, "organisations and works", "others")])
    title = "Search: " + query if query else "Corpus"
    head = el("header", el("p", "chronologue corpus", class_="kicker") + el("h1", esc(title))
              + el("ul", stats, class_="stats") + search, class_="masthead")
    failures = ""
    if corpus.failures and not query:
        failures = _section("failures", "Documents that failed", el("ul", "".join(
            el("li", esc(f.path) + ": " + el("span", esc(f.problem), class_="muted")) for f in corpus.failures)))
    body = [
        head, "<main>",
        _section("people", "People", _entity_rows(people)),
        _section("places", "Places", _map(places) + _entity_rows(places)),
        _section("documents", "Documents", _document_rows(documents)),
        _section("others", "Organisations, works and other names", _entity_rows(others, with_type=True)),
        failures, "</main>",
    ]
    return page(title, "".join(body))


def _context(story: Story, start: int, end: int) -> str:
    """The mention marked in its sentence's neighbourhood."""
    text = story.text
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    if left > 0:  # whole words only
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    before = ("…" if left else "") + " ".join(text[left:start].split())
    after = " ".join(text[end:right].split()) + ("…" if right < len(text) else "")
    space_before = " " if text[left:start][-1:].isspace() else ""
    space_after = " " if text[end:right][:1].isspace() else ""
    return esc(before) + space_before + el("mark", esc(text[start:end])) + space_after + esc(after)


def _mentions(entity: CorpusEntity, corpus: Corpus, story_of: StoryOf) -> str:
    parts = []
    for member in entity.members:
        document = corpus.document(member.document)
        story = story_of(member.document)
        if document is None or story is None:
            continue
        found = story.entity(member.entity)
        spans = found.mentions if found else []
        items = "".join(el("li", _context(story, s.start, s.end)) for s in spans[:MENTION_LIMIT])
        extra = len(spans) - MENTION_LIMIT
        more = el("li", f"… and {extra} more", class_="muted") if extra > 0 else ""
        title = el("a", esc(document.title or document.path), href=f"/doc/{document.id}#{member.entity}")
        heading = el("h3", title + " " + el("span", esc(f"as {member.name} · {member.mentions} mentions"),
                                             class_="muted small"))
        parts.append(el("div", heading + el("ul", items + more, class_="mentions"), class_="member"))
    return "".join(parts) or el("p", "No mentions.", class_="empty")


def _bounds(earliest: str | None, latest: str | None) -> str:
    if earliest is None and latest is None:
        return "undated"
    if earliest == latest:
        return earliest or ""
    return f"{earliest or '…'} – {latest or '…'}"


def _timeline(timeline: CorpusTimeline | None, corpus: Corpus) -> str:
    if timeline is None or not timeline.events:
        return el("p", "No events found for this person.", class_="empty")
    rows = []
    for entry in timeline.events:
        document = corpus.document(entry.document)
        source = el("a", esc(document.title if document and document.title else entry.document),
                    href=f"/doc/{entry.document}#{entry.entity}")
        rows.append(el("tr", "".join([
            el("td", esc(_bounds(entry.earliest, entry.latest)), class_="nowrap"),
            el("td", esc(entry.predicate)), el("td", esc(entry.place or "")),
            el("td", esc(entry.sentence)), el("td", source),
        ])))
    head = "<th>When</th><th>What</th><th>Where</th><th>Sentence</th><th>Document</th>"
    return el("table", el("thead", el("tr", head)) + el("tbody", "".join(rows)), class_="tl-table corpus-timeline")


def entity_page(entity: CorpusEntity, corpus: Corpus, story_of: StoryOf) -> str:
    """A corpus entity: its names, every mention in every document and, for a person, the merged timeline."""
    kind = TYPE_NAMES.get(entity.type, entity.type)
    names = el("p", "Also written: " + esc(", ".join(entity.aliases)), class_="meta") if entity.aliases else ""
    where = ""
    if entity.geo is not None:
        where = el("p", esc(f"{entity.geo.lat:.4f}, {entity.geo.lon:.4f} ({entity.geo.source_id})"), class_="meta")
    stats = el("ul", el("li", el("a", f"<b>{entity.documents}</b> documents", href="#mentions"))
               + el("li", el("a", f"<b>{entity.mentions}</b> mentions", href="#mentions")), class_="stats")
    head = el("header", el("p", esc(kind), class_="kicker") + el("h1", esc(entity.name)) + names + where + stats,
              class_="masthead")
    parts = [head, "<main>"]
    if entity.type == "PERSON":
        timeline = corpus.timeline(entity.id)
        parts.append(_section("timeline", "Timeline across documents", _timeline(timeline, corpus)))
        parts.append(_section("places", "Places", _person_places(timeline, corpus, entity)))
    parts += [_section("mentions", "Mentions", _mentions(entity, corpus, story_of)), "</main>"]
    return page(entity.name, "".join(parts))


def not_found(what: str) -> str:
    """The page of a 404."""
    return page("Not found", el("header", el("h1", "Not found") + el("p", esc(what), class_="meta")
                                + el("p", el("a", "Back to the corpus", href="/")), class_="masthead"))
