"""The report's sections other than the text, the timeline and the map: header, entity index, quotes,
figures, bibliography and findings. Each returns HTML with every story value escaped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from pathlib import PurePath

from chronologue.export.report.annotated import Block
from chronologue.export.report.labels import claim_label
from chronologue.export.report.markup import el, esc, shorten, squash
from chronologue.export.report.timeline import anchors, timelines
from chronologue.lib.text import plural
from chronologue.model.story import Entity, EntityType, Finding, Story

TYPE_ORDER: list[EntityType] = ["PERSON", "PLACE", "ORG", "GROUP", "EVENT", "WORK", "LAW", "MISC"]
TYPE_NAMES = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "GROUP": "Groups", "EVENT": "Events",
              "WORK": "Works", "LAW": "Laws", "MISC": "Other"}
HIGHLIGHTS = [("tx", "time expression"), ("qt", "quotation"), ("cl", "numeric claim"), ("cap", "figure caption"),
              ("cite", "citation"), ("ev", "event trigger"), ("fd", "finding")]
QUOTE_LIMIT = 700
MINOR_QUOTES = {"title", "scare"}


class Locator:
    """The paragraph number of an offset."""

    def __init__(self, blocks: list[Block]) -> None:
        self._starts = [b.start for b in blocks]
        self._blocks = blocks

    def paragraph(self, offset: int) -> int:
        """The number of the paragraph holding ``offset`` (1 before the first)."""
        index = bisect_right(self._starts, offset) - 1
        return self._blocks[index].number if index >= 0 else 1


def title_of(story: Story) -> str:
    """The story's title, else its first heading, else its file name."""
    if story.structure.title:
        return squash(story.structure.title)
    if story.structure.headings:
        return squash(story.structure.headings[0].text)
    if story.source.path:
        return PurePath(story.source.path).name
    return "Untitled story"


def header(story: Story) -> str:
    """Kicker, title, source and the counts of everything found."""
    kicker = el("p", esc(squash(story.structure.kicker)), class_="kicker") if story.structure.kicker else ""
    words = len(story.text.split())
    meta = [esc(story.source.path or "text"), esc(story.source.format), esc(story.source.language),
            f"{words:,} words", el("span", esc(f"sha256 {story.source.sha256[:12]}"), title=story.source.sha256)]
    places = sum(1 for e in story.entities if e.geo is not None)
    persons = sum(1 for e in story.entities if e.type == "PERSON")
    warnings = sum(1 for f in story.findings if f.severity == "warning")
    counts = [
        ("#timeline", len(story.events), "event"), ("#timeline", len(timelines(story)), "timeline"),
        ("#entities", len(story.entities), "entity"), ("#entities", persons, "person"),
        ("#map", places, "place on the map"), ("#text", len(story.timexes), "time expression"),
        ("#quotes", len(story.quotes), "quote"), ("#text", len(story.claims), "claim"),
        ("#figures", len(story.figures), "figure"), ("#bibliography", len(story.citations), "citation"),
        ("#findings", len(story.findings), "finding"),
    ]
    stats = "".join(
        el("li", el("a", el("b", str(n)) + " " + esc(_plural_word(n, word)), href=href)) for href, n, word in counts
    )
    if warnings:
        stats += el("li", el("a", el("b", str(warnings)) + " " + esc(_plural_word(warnings, "warning")),
                             href="#findings"), class_="warn")
    return el("header", kicker + el("h1", esc(title_of(story))) + el("p", " · ".join(meta), class_="meta")
              + el("ul", stats, class_="stats"), class_="masthead")


def _plural_word(count: int, word: str) -> str:
    if count == 1:
        return word
    if word == "entity":
        return "entities"
    if word == "person":
        return "people"
    if word == "place on the map":
        return "places on the map"
    return word + "s"


def legend(story: Story) -> str:
    """What each highlight means, with counts and a switch to hide it."""
    kinds = Counter(e.type for e in story.entities)
    counts = {"tx": len(story.timexes), "qt": len(story.quotes), "cl": len(story.claims), "cap": len(story.figures),
              "cite": len(story.citations), "ev": len(story.events), "fd": sum(len(f.spans) for f in story.findings)}
    rows = []
    for kind in TYPE_ORDER:
        if kinds.get(kind):
            sample = el("span", esc(TYPE_NAMES[kind].lower()), class_=f"hl ent t-{kind}")
            rows.append(_toggle(kind, sample, kinds[kind]))
    for key, name in HIGHLIGHTS:
        if counts[key]:
            rows.append(_toggle(key, el("span", esc(name), class_=f"hl {key}" + (" s-warning" if key == "fd" else "")),
                                counts[key]))
    if not rows:
        return el("aside", el("p", "Nothing is annotated yet.", class_="muted"), class_="legend")
    hint = el("p", "Click a name for its index entry; hover any highlight for details. Untick to hide.",
              class_="muted small")
    return el("aside", el("h3", "Legend") + "".join(rows) + hint, class_="legend")


def _toggle(key: str, sample: str, count: int) -> str:
    return el("label", f'<input type="checkbox" checked id="show-{esc(key)}"> {sample}'
                       f'<span class="count">{count}</span>', class_="toggle")


def _mention_links(story: Story, entity: Entity, where: Locator) -> str:
    """A chip per mention: its words, its paragraph, its context on hover; each links to the mention."""
    links = []
    text = story.text
    key = esc(entity.id)
    for k, mention in enumerate(entity.mentions):
        surface = shorten(text[mention.start:mention.end], 40)
        context = squash(text[max(mention.start - 60, 0):mention.end + 60])
        links.append(f'<a class="mention" href="#{key}-m{k}" title="{esc(context)}">{esc(surface)}'
                     f"<sub>¶{where.paragraph(mention.start)}</sub></a>")
    return " ".join(links)


def _value(value: object) -> str:
    """An attribute value as text: lists joined, mappings as ``key=value``."""
    if isinstance(value, list | tuple | set):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(v)}" for k, v in value.items())
    return str(value)


def _facts(entity: Entity) -> str:
    """The entity's attributes as ``key: value`` pairs, leaving out empty ones and repeats of its name."""
    pairs = []
    for key, value in entity.attributes.items():
        text = _value(value)
        if text and text != entity.name:
            pairs.append(f"{esc(str(key).replace('_', ' '))}: {esc(text)}")
    return " · ".join(pairs)


def entity_index(story: Story, where: Locator) -> str:
    """Every entity grouped by type, with aliases, coordinates, events and every mention."""
    if not story.entities:
        return el("p", "No entities were found.", class_="empty")
    involved = Counter(p.entity for ev in story.events for p in ev.participants)
    involved.update(ev.place for ev in story.events if ev.place)
    has_timeline = anchors(story)
    groups = []
    for kind in TYPE_ORDER:
        members = sorted((e for e in story.entities if e.type == kind), key=lambda e: (-len(e.mentions), e.name))
        if not members:
            continue
        cards = []
        for entity in members:
            head = (el("span", "", class_=f"dot t-{kind}") + esc(entity.name)
                    + el("span", esc(plural(len(entity.mentions), "mention")), class_="count"))
            parts = [el("h4", head)]
            aliases = [a for a in entity.aliases if a != entity.name]
            if aliases:
                parts.append(el("p", "also: " + ", ".join(el("span", esc(a), class_="alias") for a in aliases),
                                class_="aliases"))
            if entity.geo:
                lat, lon = entity.geo.lat, entity.geo.lon
                parts.append(el("p", esc(f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'} {abs(lon):.2f}°"
                                         f"{'E' if lon >= 0 else 'W'} · {entity.geo.source_id}")
                                + " · " + el("a", "map", href="#map"), class_="geo"))
            facts = _facts(entity)
            if facts:
                parts.append(el("p", facts, class_="attrs"))
            if involved.get(entity.id):
                link = (" · " + el("a", "timeline", href=f"#{has_timeline[entity.id]}")
                        if entity.id in has_timeline else "")
                parts.append(el("p", esc(f"in {plural(involved[entity.id], 'event')}") + link, class_="events"))
            if entity.mentions:
                parts.append(el("p", _mention_links(story, entity, where), class_="mentions"))
            cards.append(el("article", "".join(parts), class_=f"entity t-{kind}", id=entity.id))
        title = el("h3", esc(TYPE_NAMES[kind]) + el("span", str(len(members)), class_="count"))
        groups.append(el("section", title + el("div", "".join(cards), class_="cards"), class_="entity-group"))
    return "".join(groups)


def quotes(story: Story, where: Locator) -> str:
    """Each quotation with its speaker and kind; titles and scare quotes in one line after them."""
    if not story.quotes:
        return el("p", "No quotations were found.", class_="empty")
    items = []
    for quote in story.quotes:
        if quote.kind in MINOR_QUOTES:
            continue
        speaker = story.entity(quote.speaker)
        source = story.entity(quote.source)
        who = el("a", esc(speaker.name), href=f"#{speaker.id}") if speaker else el("span", "speaker unknown",
                                                                                   class_="muted")
        if quote.speaker_mention and not speaker:
            who = el("span", esc(squash(story.text[quote.speaker_mention.start:quote.speaker_mention.end])))
        extra = f" · source: {el('a', esc(source.name), href=f'#{source.id}')}" if source else ""
        footer = (f"— {who} · {el('span', esc(quote.kind), class_='badge')}{extra} · "
                  + el("a", f"in the text ¶{where.paragraph(quote.start)}", href=f"#{quote.id}"))
        body = el("p", esc(shorten(story.text[quote.start:quote.end], QUOTE_LIMIT)))
        items.append(el("blockquote", body + el("footer", footer), class_=f"quote-card k-{quote.kind}",
                        id=f"ql-{quote.id}"))
    minor = [q for q in story.quotes if q.kind in MINOR_QUOTES]
    if minor:
        chips = " ".join(
            el("a", esc("“" + shorten(story.text[q.start:q.end], 50) + "”") + el("sub", f"¶{where.paragraph(q.start)}"),
               href=f"#{q.id}", class_="mention", title=q.kind, id=f"ql-{q.id}")
            for q in minor
        )
        items.append(el("p", el("span", "Titles and scare quotes: ", class_="muted") + chips, class_="minor-quotes"))
    return "".join(items)


def figures(story: Story, where: Locator) -> str:
    """Each figure caption with its credit and licence."""
    if not story.figures:
        return el("p", "No figure captions were found.", class_="empty")
    cards = []
    for figure in story.figures:
        caption = esc(shorten(story.text[figure.caption.start:figure.caption.end], 400))
        credit = esc(figure.credit) if figure.credit else el("span", "not named", class_="muted")
        if figure.credit_ref:
            credit += el("span", esc(f" ({figure.credit_ref})"), class_="muted")
        if figure.license is None:
            licence = el("span", "none given", class_="muted")
        elif figure.license.spdx:
            licence = el("span", esc(figure.license.spdx), class_="badge ok") + el(
                "span", esc(f" as written: “{figure.license.raw}”"), class_="muted")
        else:
            licence = el("span", "unrecognised", class_="badge warn") + esc(f" “{figure.license.raw}”")
        facts = (el("dt", "Credit") + el("dd", credit) + el("dt", "Licence") + el("dd", licence))
        link = el("a", esc(f"{figure.id} · ¶{where.paragraph(figure.start)}"), href=f"#{figure.id}", class_="ref")
        cards.append(el("article", link + el("p", caption, class_="caption") + el("dl", facts), class_="figure-card",
                        id=f"fl-{figure.id}"))
    return el("div", "".join(cards), class_="cards")


def bibliography(story: Story) -> str:
    """The works the text cites, formatted, each linked to its place in the text."""
    if not story.citations:
        return el("p", "No citations were found.", class_="empty")
    items = []
    for citation in story.citations:
        parts = []
        author = story.entity(citation.author_entity)
        if citation.author:
            name = esc(citation.author)
            parts.append(el("a", name, href=f"#{author.id}") if author else name)
        if citation.title:
            work = story.entity(citation.work_entity)
            title = el("cite", esc(citation.title))
            parts.append(el("a", title, href=f"#{work.id}") if work else title)
        imprint = ": ".join(esc(p) for p in (citation.place, citation.publisher) if p)
        if citation.year is not None:
            imprint = f"{imprint}, {citation.year}" if imprint else str(citation.year)
        if imprint:
            parts.append(imprint)
        formatted = ". ".join(parts) + "." if parts else el("span", "unparsed", class_="muted")
        raw = el("p", esc(squash(story.text[citation.start:citation.end])), class_="muted small")
        items.append(el("li", formatted + " " + el("a", "in the text", href=f"#{citation.id}", class_="ref") + raw,
                        id=f"bl-{citation.id}"))
    return el("ol", "".join(items), class_="bib")


def findings(story: Story) -> str:
    """Findings grouped by kind, warnings first, each with its snippets linked to the text."""
    if not story.findings:
        return el("p", "No findings.", class_="empty")
    by_kind: dict[str, list[tuple[int, Finding]]] = {}
    for i, finding in enumerate(story.findings, 1):
        by_kind.setdefault(finding.kind, []).append((i, finding))
    kinds = sorted(by_kind, key=lambda k: (not any(f.severity == "warning" for _i, f in by_kind[k]), k))
    groups = []
    for kind in kinds:
        items = []
        for i, finding in by_kind[kind]:
            snippets = " ".join(
                el("a", esc("“" + shorten(story.text[s.start:s.end], 60) + "”"), href=f"#fd{i}-{j}", class_="snip")
                for j, s in enumerate(finding.spans)
            )
            badge = el("span", esc(finding.severity), class_=f"badge {finding.severity}")
            body = f"{badge} {esc(finding.message)}" + (f" {snippets}" if snippets else "")
            items.append(el("li", body, class_=f"s-{finding.severity}"))
        title = el("h3", esc(kind.replace("_", " ").capitalize()) + el("span", str(len(items)), class_="count"))
        groups.append(el("section", title + el("ul", "".join(items)), class_="finding-group"))
    return "".join(groups)


def claims_table(story: Story, where: Locator) -> str:
    """The numeric claims (used in the text section's aside)."""
    if not story.claims:
        return ""
    rows = "".join(
        el("li", el("a", esc(claim_label(c)), href=f"#{c.id}") + el("span", f" ¶{where.paragraph(c.start)}",
                                                                     class_="muted"))
        for c in story.claims
    )
    return el("h3", "Numbers claimed") + el("ul", rows, class_="claims")
