"""The timeline chart of each person: one row per event, its day bounds drawn as a bar (inline SVG, no script).

A bar runs from the earliest to the latest day the text allows, so a vague date is a long bar and a dated
one a narrow bar; a bound the story leaves open fades out towards the axis end. Fill shows the basis of the
bounds: solid when stated by the text, lighter when taken from the narrative, hatched when inferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chronologue.export.report.labels import parse_day, range_label
from chronologue.export.report.markup import el, esc, num, shorten, squash
from chronologue.export.report.timescale import TimeScale
from chronologue.model.story import Event, Story, Timeline

OTHERS_COLOR = "#5f6b7a"
PALETTE = ["#b5364b", "#2f5fb3", "#0f766e", "#a25a09", "#7044c4", "#b3366f", "#3f5063", "#53762a"]
WIDTH = 1000.0
LABEL_X, CHART_X0, CHART_X1, BOUNDS_X = 0.0, 318.0, 826.0, 836.0
TOP, ROW_H, BAR_H = 30.0, 36.0, 14.0
MIN_BAR = 3.0
BASIS_TEXT = {"stated": "stated in the text", "narrative": "from the narrative order", "inferred": "inferred"}


@dataclass(slots=True)
class Row:
    """One event of a timeline with its parsed bounds."""

    number: int
    event: Event
    lo: int | None
    hi: int | None


def person_color(index: int) -> str:
    """The colour of the ``index``-th timeline (also its path on the map)."""
    return PALETTE[index % len(PALETTE)]


def timelines(story: Story) -> list[Timeline]:
    """The story's timelines, the longest first; without any, one per person taking part in events, ordered by
    earliest bound."""
    if story.timelines:
        return sorted((t for t in story.timelines if t.events), key=lambda t: -len(t.events))
    people = {e.id for e in story.entities if e.type == "PERSON"}
    by_person: dict[str, list[Event]] = {}
    for event in story.events:
        for entity_id in dict.fromkeys(p.entity for p in event.participants):
            if entity_id in people:
                by_person.setdefault(entity_id, []).append(event)

    def order(event: Event) -> tuple[str, str]:
        return (event.earliest or event.latest or "9999", event.latest or "9999")

    ranked = sorted(by_person.items(), key=lambda item: -len(item[1]))
    return [Timeline(entity=pid, events=[e.id for e in sorted(evs, key=order)]) for pid, evs in ranked]


def _rows(story: Story, timeline: Timeline, events: dict[str, Event]) -> list[Row]:
    rows = []
    for event_id in timeline.events:
        event = events.get(event_id)
        if event is None:
            continue
        lo, hi = parse_day(event.earliest), parse_day(event.latest, end=True)
        if lo and hi and hi < lo:
            lo, hi = hi, lo
        rows.append(Row(len(rows) + 1, event, lo.toordinal() if lo else None, hi.toordinal() if hi else None))
    return rows


def _snippet(story: Story, event: Event, limit: int) -> str:
    """The sentence of an event from a little before its trigger."""
    start = max(event.sentence.start, event.trigger.start - 24)
    if start > event.sentence.start:
        space = story.text.find(" ", start, event.trigger.start)
        start = space + 1 if space >= 0 else start
    end = max(event.sentence.end, event.trigger.end)
    prefix = "…" if start > event.sentence.start else ""
    return shorten(prefix + story.text[start:end], limit)


def _span(row: Row) -> tuple[int, int]:
    """The days a bar covers, as ``(first, after_last)`` ordinals; an open bound is the other one."""
    lo = row.lo if row.lo is not None else row.hi
    hi = row.hi + 1 if row.hi is not None else row.lo + 1
    return lo, hi


def _defs(key: str, color: str) -> str:
    return (
        f'<defs><pattern id="{key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{color}" fill-opacity="0.12"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{color}" stroke-width="2.2"/></pattern>'
        f'<linearGradient id="{key}-fade-l"><stop offset="0" stop-color="{color}" stop-opacity="0"/>'
        f'<stop offset="1" stop-color="{color}" stop-opacity="0.75"/></linearGradient>'
        f'<linearGradient id="{key}-fade-r"><stop offset="0" stop-color="{color}" stop-opacity="0.75"/>'
        f'<stop offset="1" stop-color="{color}" stop-opacity="0"/></linearGradient></defs>'
    )


def _bar(row: Row, scale: TimeScale, y: float, key: str, color: str) -> str:
    if row.lo is None and row.hi is None:
        return f'<text class="tl-undated" x="{num(CHART_X0 + 6)}" y="{num(y + 4)}">undated</text>'
    x0 = scale.x(row.lo) if row.lo is not None else scale.segments[0].x0
    x1 = scale.x(row.hi + 1) if row.hi is not None else scale.segments[-1].x1
    if x1 - x0 < MIN_BAR:
        mid = (x0 + x1) / 2
        x0, x1 = mid - MIN_BAR / 2, mid + MIN_BAR / 2
    if row.lo is None or row.hi is None:
        fill = f"url(#{key}-fade-{'l' if row.lo is None else 'r'})"
        stroke = ""
    elif row.event.basis == "stated":
        fill, stroke = color, ""
    elif row.event.basis == "narrative":
        fill, stroke = color, f' fill-opacity="0.4" stroke="{color}" stroke-width="1.2"'
    else:
        fill, stroke = f"url(#{key}-hatch)", f' stroke="{color}" stroke-width="1.2"'
    return (f'<rect class="tl-bar b-{esc(row.event.basis)}" x="{num(x0)}" y="{num(y - BAR_H / 2)}" '
            f'width="{num(x1 - x0)}" height="{num(BAR_H)}" rx="2" fill="{fill}"{stroke}/>')


def _tooltip(story: Story, row: Row) -> str:
    event = row.event
    lines = [f"{event.predicate}: {squash(story.text[event.sentence.start:event.sentence.end])}"]
    place = story.entity(event.place)
    if place:
        lines.append(f"place: {place.name}")
    timex = next((t for t in story.timexes if t.id == event.time), None) if event.time else None
    if timex:
        lines.append(f"time: “{squash(story.text[timex.start:timex.end])}”")
    lines.append(f"bounds: {_range(row)} ({BASIS_TEXT.get(event.basis, event.basis)})")
    roles = [f"{p.role}: {story.entity(p.entity).name}" for p in event.participants if story.entity(p.entity)]
    if roles:
        lines.append("; ".join(roles))
    return "\n".join(lines)


def _range(row: Row) -> str:
    lo = date.fromordinal(row.lo) if row.lo is not None else None
    hi = date.fromordinal(row.hi) if row.hi is not None else None
    return range_label(lo, hi)


def _axis(scale: TimeScale, bottom: float) -> list[str]:
    parts = []
    for x, label in scale.ticks():
        parts.append(f'<line class="tl-grid" x1="{num(x)}" y1="{num(TOP - 8)}" x2="{num(x)}" y2="{num(bottom)}"/>')
        parts.append(f'<text class="tl-tick" x="{num(x)}" y="{num(TOP - 13)}">{esc(label)}</text>')
    return parts


def _breaks(scale: TimeScale, bottom: float) -> list[str]:
    parts = []
    for segment in scale.breaks:
        a, b = segment.x0 + 3, segment.x1 - 3
        zig_a = " ".join(f"{num(a + (2 if i % 2 else -2))},{num(TOP - 8 + i * 6)}"
                         for i in range(int((bottom - TOP + 8) / 6) + 1))
        zig_b = " ".join(f"{num(b + (2 if i % 2 else -2))},{num(TOP - 8 + i * 6)}"
                         for i in range(int((bottom - TOP + 8) / 6) + 1))
        parts.append(f'<rect class="tl-break" x="{num(a)}" y="{num(TOP - 8)}" width="{num(b - a)}" '
                     f'height="{num(bottom - TOP + 8)}"/>')
        parts.append(f'<polyline class="tl-zig" points="{zig_a}"/><polyline class="tl-zig" points="{zig_b}"/>')
        label = f"{int(segment.hi - segment.lo) // 365} yrs" if segment.hi - segment.lo > 730 else "gap"
        parts.append(f'<text class="tl-breaklabel" x="{num((a + b) / 2)}" y="{num(TOP - 13)}">{esc(label)}</text>')
    return parts


def chart(story: Story, timeline: Timeline, index: int, events: dict[str, Event],
          who: dict[str, str] | None = None) -> str:
    """The SVG of one timeline (empty string when it has no known events); ``who`` names the person of each
    event when the chart gathers several people."""
    rows = _rows(story, timeline, events)
    if not rows:
        return ""
    key, color = f"tl{index}", OTHERS_COLOR if who else person_color(index)
    days = [_span(r) for r in rows if r.lo is not None or r.hi is not None]
    height = TOP + ROW_H * len(rows) + 6
    parts = [_defs(key, color)]
    bottom = height - 4
    for row in rows:
        y = TOP + ROW_H * (row.number - 1)
        if row.number % 2 == 0:
            parts.append(f'<rect class="tl-stripe" x="0" y="{num(y)}" width="{num(WIDTH)}" height="{num(ROW_H)}"/>')
    if days:
        scale = TimeScale(days, CHART_X0, CHART_X1, open_before=any(r.lo is None and r.hi is not None for r in rows),
                          open_after=any(r.hi is None and r.lo is not None for r in rows))
        parts.extend(_axis(scale, bottom))
    for row in rows:
        y = TOP + ROW_H * (row.number - 1)
        mid = y + ROW_H / 2
        event = row.event
        place = story.entity(event.place)
        head = f'<tspan class="tl-num">{row.number}</tspan> '
        if who and event.id in who:
            head += f'<tspan class="tl-who">{esc(shorten(who[event.id], 24))}</tspan> '
        head += f'<tspan class="tl-pred">{esc(event.predicate)}</tspan>'
        if place:
            head += f'<tspan class="tl-place"> · {esc(shorten(place.name, 28))}</tspan>'
        bar = _bar(row, scale, mid, key, color) if days else ""
        parts.append(
            f'<a href="#{esc(event.id)}" class="tl-row"><title>{esc(_tooltip(story, row))}</title>'
            f'<rect class="tl-hit" x="0" y="{num(y)}" width="{num(WIDTH)}" height="{num(ROW_H)}"/>'
            f'<text class="tl-label" x="{num(LABEL_X + 4)}" y="{num(y + 15)}">{head}</text>'
            f'<text class="tl-snippet" x="{num(LABEL_X + 19)}" y="{num(y + 29)}">'
            f'{esc(_snippet(story, event, 50))}</text>'
            f'{bar}<text class="tl-bounds" x="{num(BOUNDS_X)}" y="{num(mid + 4)}">{esc(_range(row))}</text></a>'
        )
    if days:
        parts.extend(_breaks(scale, bottom))
    return (f'<svg class="tl-svg" viewBox="0 0 {num(WIDTH)} {num(height)}" role="group" '
            f'aria-label="timeline">{"".join(parts)}</svg>')


def _evidence(story: Story, event: Event) -> str:
    """The event's sentence with its trigger in bold."""
    text, sentence, trigger = story.text, event.sentence, event.trigger
    if not sentence.start <= trigger.start < trigger.end <= sentence.end:
        return esc(squash(text[sentence.start:sentence.end]))
    before = squash(text[sentence.start:trigger.start] + "\x00")[:-1]
    after = squash("\x00" + text[trigger.end:sentence.end])[1:]
    return esc(before) + el("b", esc(squash(text[trigger.start:trigger.end]))) + esc(after)


def _table(story: Story, timeline: Timeline, events: dict[str, Event]) -> str:
    rows = []
    for row in _rows(story, timeline, events):
        event = row.event
        place = story.entity(event.place)
        who = ", ".join(
            f"{esc(p.role)}: " + el("a", esc(story.entity(p.entity).name), href=f"#{p.entity}")
            for p in event.participants if story.entity(p.entity)
        )
        rows.append(
            "<tr>" + el("td", str(row.number)) + el("td", esc(_range(row)), class_="nowrap")
            + el("td", esc(event.basis), title=BASIS_TEXT.get(event.basis, event.basis))
            + el("td", el("a", esc(event.predicate), href=f"#{event.id}"))
            + el("td", el("a", esc(place.name), href=f"#{place.id}") if place else "")
            + el("td", _evidence(story, event)) + el("td", who) + "</tr>"
        )
    head = "".join(el("th", h) for h in ["#", "when", "basis", "event", "place", "evidence", "participants"])
    return el("details", el("summary", "Events in detail") + el("table", f"<thead><tr>{head}</tr></thead>"
                                                                  f"<tbody>{''.join(rows)}</tbody>", class_="tl-table"))


def legend() -> str:
    """What bar fills mean."""
    swatch = ('<svg width="34" height="12" aria-hidden="true">{defs}<rect x="1" y="1" width="32" height="10" '
              'rx="2" {paint}/></svg>')
    items = [
        (swatch.format(defs="", paint='fill="#555"'), "bounds stated in the text"),
        (swatch.format(defs="", paint='fill="#555" fill-opacity="0.4" stroke="#555"'),
         "bounds from the narrative order"),
        (swatch.format(defs=_defs("key", "#555"), paint='fill="url(#key-hatch)" stroke="#555"'), "bounds inferred"),
    ]
    parts = [el("span", f"{svg} {esc(text)}", class_="tl-key") for svg, text in items]
    parts.append(el("span", "a bar spans every day the text allows: the wider, the vaguer", class_="tl-key muted"))
    return el("p", "".join(parts), class_="tl-legend")


def anchors(story: Story) -> dict[str, str]:
    """The id of the chart that shows each person's events: people with one event each share one chart."""
    ordered = timelines(story)
    pooled = sum(1 for t in ordered if len(t.events) == 1) > 1
    return {t.entity: "timeline-others" if pooled and len(t.events) == 1 else f"timeline-{index}"
            for index, t in enumerate(ordered)}


def _figure(story: Story, timeline: Timeline, index: int, events: dict[str, Event], anchor: str) -> str:
    svg = chart(story, timeline, index, events)
    if not svg:
        return ""
    person = story.entity(timeline.entity)
    name = person.name if person else timeline.entity
    link = el("a", esc(name), href=f"#{person.id}") if person else esc(name)
    count = len(timeline.events)
    caption = (f'<span class="tl-swatch" style="background:{person_color(index)}"></span>{link}'
               f'<span class="muted"> · {count} event{"s" if count != 1 else ""}</span>')
    return el("figure", el("figcaption", caption) + svg + _table(story, timeline, events), class_="tl", id=anchor)


def _others(story: Story, single: list[Timeline], events: dict[str, Event], index: int) -> str:
    """One chart for everyone with a single event, ordered by date."""
    who = {}
    for timeline in single:
        person = story.entity(timeline.entity)
        who[timeline.events[0]] = person.name if person else timeline.entity
    known = [events[e] for e in who if e in events]
    known.sort(key=lambda e: (e.earliest or e.latest or "9999", e.latest or "9999"))
    combined = Timeline(entity="", events=[e.id for e in known])
    svg = chart(story, combined, index, events, who=who)
    if not svg:
        return ""
    names = ", ".join(el("a", esc(story.entity(t.entity).name), href=f"#{t.entity}") if story.entity(t.entity)
                      else esc(t.entity) for t in single)
    caption = (f'<span class="tl-swatch" style="background:{OTHERS_COLOR}"></span>Others'
               f'<span class="muted"> · one event each: </span><span class="tl-names">{names}</span>')
    return el("figure", el("figcaption", caption) + svg + _table(story, combined, events), class_="tl",
              id="timeline-others")


def section(story: Story) -> str:
    """Every timeline: heading, chart and detail table; people with one event share a chart."""
    events = {e.id: e for e in story.events}
    where = anchors(story)
    figures, single = [], []
    ordered = timelines(story)
    for index, timeline in enumerate(ordered):
        if where[timeline.entity] == "timeline-others":
            single.append(timeline)
        else:
            figures.append(_figure(story, timeline, index, events, where[timeline.entity]))
    if single:
        figures.append(_others(story, single, events, len(ordered)))
    figures = [f for f in figures if f]
    if not figures:
        return el("p", "No dated events were found.", class_="empty")
    return legend() + "".join(figures)
