"""Anchoring events in time: stated bounds, the narrative flow, relative times, the story's horizon.

An event takes the bounds of the time expressions of its clause (basis ``stated``), read through the
preposition before them ("until the fall of 1944" is an end bound, "after the war" a start bound). Whatever
its clause leaves open comes from the flow of the story (basis ``narrative``): after the last dated moment
before it, before the next one, or counted from the last one ("a few days later"). A dated clause that lies
wholly before the story's clock is a retrospect ("In the 1930s he had been imprisoned"): it keeps its own
time, does not move the clock, and opens a short flashback. What nothing bounds is left to the story's
horizon, the latest day the text can speak of (basis ``inferred``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chronologue.annotators.events.dates import parse_day, shift
from chronologue.annotators.events.frames import Frame
from chronologue.annotators.events.lexicon import Lexicon
from chronologue.annotators.events.syntax import clause_of
from chronologue.model.story import Story

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Roles of paragraphs whose sentences are part of the narrative flow (a lede before the first heading is
# still left out as part of the overview).
FLOW_ROLES = frozenset({"body", "lede"})
# Quote kinds whose text is someone else's voice, out of the narrator's flow.
VOICE_QUOTES = frozenset({"speech", "writing", "document"})
# A flashback runs to the end of the paragraph after the one it opens in, at most.
FLASHBACK_PARAGRAPHS = 2
# Words after a time expression that belong to it ("a few days later").
TRAILING_TIME_WORDS = frozenset({"later", "earlier", "afterwards", "before", "ago"})
# Words before a time expression that belong to it ("many years later").
LEADING_TIME_WORDS = frozenset({"many", "a", "few", "several", "some", "just", "only", "two", "three"})
# A time expression that only modifies a noun ("the 1929 convention") dates no clause.
MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss"})
# The ISO 8601 time of the end of a day ("midnight" after a dated day: 1949-05-11T24:00 is 12 May, 00:00).
MIDNIGHT_END = "T24:00"
# Adverbs that bring a flashback back to the story's present.
RETURN_WORDS = frozenset({"now"})

Window = tuple[date, date]
Bounds = tuple[date | None, date | None]


@dataclass
class TimeLink:
    """A time expression of a clause, with the preposition's relation and its own bounds."""

    timex_id: str
    start: int
    relation: str
    earliest: date | None
    latest: date | None
    relative: tuple[int | None, int | None] | None = None  # days after the clock, for a relative expression


@dataclass
class Item:
    """One step of the story's flow: an event, or a dated clause without an event (a bare time)."""

    start: int
    paragraph: int
    frame: Frame | None
    links: list[TimeLink]
    in_flow: bool
    earliest: date | None = None
    latest: date | None = None
    basis: str = "inferred"
    time_id: str | None = None
    follows: bool = False  # the clause says it comes later ("He later wrote"), even out of the flow
    upper_anchor: bool = False  # its latest bounds the events told before it
    retro: bool = False
    look_ahead_cue: bool = False  # its sentence speaks from a later vantage ("only in", "decades later", "today")


# -- time expressions of clauses ---------------------------------------------------------------------------------


def _relative_days(text: str, lexicon: Lexicon) -> tuple[int | None, int | None] | None:
    """How many days after the story's clock a relative expression lies (min, max; max None: open)."""
    lowered = " ".join(text.lower().split())
    if lexicon.any_relative is not None and lexicon.any_relative.search(lowered) is None:
        return None
    for rule in lexicon.relatives:
        days = rule.days(lowered)
        if days is not None:
            return days
    return None


@dataclass
class TimeIndex:
    """Time expressions by what they date: the clause verb, and the event noun they hang on ("his death in
    1979" dates the death; "lived until his death in 1979" bounds the living)."""

    by_clause: dict[int, list[TimeLink]] = field(default_factory=dict)
    by_noun: dict[int, list[TimeLink]] = field(default_factory=dict)


def _phrase(doc: Doc, span: Span, text: str, prep: str | None) -> str:
    """The expression with the words around it that belong to it ("many years later", "in a few months")."""
    phrase = text[span.start_char:span.end_char]
    if span.end < len(doc) and doc[span.end].lower_ in TRAILING_TIME_WORDS:
        phrase += " " + doc[span.end].lower_
    before = span.start - 1
    while before >= 0 and doc[before].lower_ in LEADING_TIME_WORDS and span.start - before <= 2:
        phrase = f"{doc[before].lower_} {phrase}"
        before -= 1
    return f"{prep} {phrase}" if prep else phrase


def link_times(doc: Doc, story: Story, lexicon: Lexicon) -> TimeIndex:
    """The time expressions of the story, by the clause verb (and the noun) they date."""
    index = TimeIndex()
    text = story.text
    for timex in story.timexes:
        if timex.type not in ("DATE", "TIME", "DURATION"):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        if root.dep_ in MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head not in span:
            continue
        if root.dep_ == "dobj":
            continue  # a time that is the verb's object is what the clause is about ("she recalled that winter")
        # a preposition inside the expression ("after the war") is already part of its bounds
        inside = span[0].pos_ == "ADP"
        prep = noun_prep = None
        noun: Token | None = None
        current = root.head
        for _ in range(12):
            if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
                break
            if current.pos_ == "ADP":
                prep = current.lower_
            elif current.pos_ == "NOUN" and noun is None:
                noun, noun_prep = current, prep
            current = current.head
        if current.pos_ == "ADP":
            prep = current.lower_
        clause = current if current.pos_ in ("VERB", "AUX") else clause_of(current)
        rule = _relative_days(_phrase(doc, span, text, None if inside else prep), lexicon)
        earliest, latest = parse_day(timex.earliest), parse_day(timex.latest, upper=True)
        if timex.type == "TIME" and (timex.value or "").endswith(MIDNIGHT_END) and earliest == latest and latest:
            earliest = latest = shift(latest, 1)  # 24:00 ends a day: what happens then happens on the next one
        if timex.type == "DURATION" and rule is None:
            continue
        if rule is None and earliest is None and latest is None:
            continue
        relation = "in" if inside else lexicon.relations.get(prep or "", "in")
        if prep == "between" and not inside:
            # "between 1940 and 1943": the first time opens the range, the one joined to it closes it
            relation = "by" if root.dep_ == "conj" else "from"
        elif noun is not None and relation in ("after", "before") and noun_prep is not None:
            # "after the death of X in 1954": the year dates X, and the event comes from X on (or up to X)
            if lexicon.relations.get(noun_prep, "in") == "in":
                relation = "from" if relation == "after" else "by"
        if relation != "topic":
            link = TimeLink(timex.id, timex.start, relation, earliest, latest, rule)
            index.by_clause.setdefault(clause.i, []).append(link)
        if noun is not None:
            noun_relation = "in" if inside else lexicon.relations.get(noun_prep or "", "in")
            if noun_relation != "topic":
                link = TimeLink(timex.id, timex.start, noun_relation, earliest, latest, rule)
                index.by_noun.setdefault(noun.i, []).append(link)
    return index


def links_of(frame: Frame, times: TimeIndex, lexicon: Lexicon) -> tuple[int, list[TimeLink]]:
    """The time expressions that date an event and their clause: the event noun's own, else its clause's,
    else those of the clause it is the complement of or is joined to (unless it says it follows it: "and
    then ...")."""
    own = times.by_noun.get(frame.head.i) if frame.head.pos_ == "NOUN" else None
    if own:
        return -1, own
    current = frame.clause
    for _ in range(6):
        found = times.by_clause.get(current.i)
        if found:
            return current.i, found
        at_once = _simultaneous_clause(current, times, lexicon)
        if at_once is not None:
            return at_once, times.by_clause[at_once]  # "When the Germans attacked in June 1941, he was serving"
        if current.dep_ == "xcomp" or (current.dep_ == "conj" and not _sequenced(current, lexicon)):
            current = current.head
            continue
        break
    root = frame.sent.root
    if root.pos_ not in ("VERB", "AUX") and times.by_clause.get(root.i):
        return root.i, times.by_clause[root.i]  # the parse found no verb to hang the time on: the sentence's
    return -1, []


def _simultaneous_clause(verb: Token, times: TimeIndex, lexicon: Lexicon) -> int | None:
    """A dated "when"/"while" clause of a verb, whose time is the verb's own."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.i in times.by_clause and any(
            mark.dep_ in ("mark", "advmod") and mark.lower_ in lexicon.simultaneous for mark in child.children
        ):
            return child.i
    return None


def _sequenced(tok: Token, lexicon: Lexicon) -> bool:
    """Whether a clause says it follows the one before ("and then ...")."""
    return any(c.dep_ == "advmod" and c.lower_ in lexicon.sequence for c in tok.children)


def bare_clauses(doc: Doc, times: TimeIndex, used: set[int], lexicon: Lexicon) -> list[int]:
    """Clause verbs with a time of their own and no event: dated moments of the narrative all the same,
    unless the clause is hypothetical ("after the war the Allies would hand them over")."""
    return [i for i in times.by_clause if i not in used and not hypothetical(doc[i], lexicon)]


def hypothetical(tok: Token, lexicon: Lexicon) -> bool:
    """Whether a clause or a clause above it carries a modal auxiliary."""
    current = tok
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lemma_.lower() in lexicon.modals for c in current.children):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


# -- the flow of the story ---------------------------------------------------------------------------------------


@dataclass
class FlowMap:
    """Which offsets are part of the narrative flow, and which paragraph each offset lies in."""

    out_starts: list[int]
    out_ends: list[int]
    paragraph_starts: list[int]
    heading_starts: list[int]

    @classmethod
    def build(cls, story: Story) -> FlowMap:
        """Out-of-flow spans: non-body paragraphs, the overview before the first heading, everything from the
        bibliography on (notes follow it), quotes, captions."""
        spans: list[tuple[int, int]] = []
        paragraphs = story.structure.paragraphs
        for paragraph in paragraphs:
            if paragraph.role not in FLOW_ROLES:
                spans.append((paragraph.start, paragraph.end))
        headings = sorted(h.start for h in story.structure.headings)
        if headings:
            spans.append((0, headings[0]))
        back = min((p.start for p in paragraphs if p.role == "bibliography"), default=None)
        if back is not None:
            spans.append((back, len(story.text)))  # the back matter: the works cited and the notes after them
        spans.extend((q.start, q.end) for q in story.quotes if q.kind in VOICE_QUOTES)
        for figure in story.figures:
            spans.append((figure.caption.start, figure.caption.end))
            spans.append((figure.start, figure.end))
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        starts = sorted(p.start for p in paragraphs) or _blank_line_starts(story.text)
        return cls([m[0] for m in merged], [m[1] for m in merged], starts, headings)

    def in_flow(self, offset: int) -> bool:
        """Whether the offset lies in the narrative flow."""
        i = bisect_right(self.out_starts, offset) - 1
        return not (i >= 0 and offset < self.out_ends[i])

    def paragraph(self, offset: int) -> int:
        """The number of the paragraph holding the offset."""
        return bisect_right(self.paragraph_starts, offset)

    def heading_between(self, a: int, b: int) -> bool:
        """Whether a heading starts between two offsets."""
        i = bisect_right(self.heading_starts, a)
        return i < len(self.heading_starts) and self.heading_starts[i] < b


def _blank_line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n\n")
    while position >= 0:
        starts.append(position + 2)
        position = text.find("\n\n", position + 2)
    return starts


def horizon(dct: date | None) -> date | None:
    """The latest day the text can speak of: the document date; None when there is none. A year of the
    bibliography, a caption or a note bounds no event of the body ("He later wrote" does not reach the year a
    book about him was printed); the narrative bounds its own events (the next dated moment, a death)."""
    return dct


# -- bounds ------------------------------------------------------------------------------------------------------


@dataclass
class Stated:
    """What an item's own time expressions say."""

    earliest: date | None = None
    latest: date | None = None
    relative: bool = False
    backward: bool = False  # a relative time before the clock ("two years earlier")
    until: Window | None = None  # the time an "until" clause lasts to (the story goes on from there)
    time_id: str | None = None

    def narrow(self, earliest: date | None, latest: date | None) -> None:
        """Intersect with another pair of bounds (bounds that cannot both hold give their span instead)."""
        before = (self.earliest, self.latest)
        if earliest is not None and (self.earliest is None or earliest > self.earliest):
            self.earliest = earliest
        if latest is not None and (self.latest is None or latest < self.latest):
            self.latest = latest
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            lows = [d for d in (before[0], earliest) if d is not None]
            highs = [d for d in (before[1], latest) if d is not None]
            self.earliest, self.latest = min(lows), max(highs)


def read_links(
    links: list[TimeLink], clock: Window | None, end: date | None, counted: dict[str, Bounds] | None = None
) -> Stated:
    """The bounds an item's time expressions give it, relative ones counted from ``clock``.

    ``counted`` keeps what each relative expression came to, so that clauses sharing one ("a few days later
    X happened and Y happened") are not counted twice.
    """
    stated = Stated()
    counted = {} if counted is None else counted
    for link in links:
        stated.time_id = stated.time_id or link.timex_id
        if link.relative is not None and (clock is not None or link.timex_id in counted):
            if link.timex_id not in counted:
                min_days, max_days = link.relative
                high = shift(clock[1], max_days) if max_days is not None else end
                if end is not None and high is not None and high > end:
                    high = end
                low = shift(clock[0], min_days) if min_days is not None else None
                counted[link.timex_id] = (low, high)
            stated.narrow(*counted[link.timex_id])
            stated.relative = True
            stated.backward = link.relative[1] is not None and link.relative[1] < 0
            continue
        low, high = link.earliest, link.latest
        if low is None and high is None:
            continue
        relation = link.relation
        if relation == "until":
            stated.narrow(None, high)
            if low is not None and high is not None:
                stated.until = (low, high)
        elif relation == "after":
            stated.narrow(shift(high, 1) if high else low, None)
        elif relation == "from":
            stated.narrow(low, None)
        elif relation == "before":
            stated.narrow(None, shift(low, -1) if low else high)
        elif relation == "by":
            stated.narrow(None, high)
        else:
            stated.narrow(low, high)
    return stated


@dataclass
class Flashback:
    """A retrospect the story is in: its own clock, and where it ends at the latest."""

    clock: Window
    last_paragraph: int


@dataclass(frozen=True)
class LookAhead:
    """When a forward jump of the story is a look ahead that does not move its clock (years past the clock)."""

    cue_years: int = 5  # with a phrase of a later vantage in the sentence
    years: int = 10  # without one, when the next dated sentence goes back


def _own_high(item: Item) -> date | None:
    """The earliest end an item's absolute time expressions give it (None: no such expression)."""
    highs = [link.latest for link in item.links if link.relative is None and link.latest is not None]
    return min(highs) if highs else None


def _next_highs(items: list[Item]) -> list[date | None]:
    """For each item, the own end of the next dated item of the flow after it."""
    found: list[date | None] = [None] * len(items)
    upcoming: date | None = None
    for n in range(len(items) - 1, -1, -1):
        found[n] = upcoming
        if items[n].in_flow and (high := _own_high(items[n])) is not None:
            upcoming = high
    return found


def _looks_ahead(item: Item, low: date, clock: Window, next_high: date | None, rule: LookAhead) -> bool:
    """Whether a dated item far past the clock is a look ahead from a later vantage rather than the story's
    next step: its sentence says so, or the story goes back before it right after."""
    years = (low - clock[1]).days / 365.25
    if item.look_ahead_cue and years > rule.cue_years:
        return True
    return years > rule.years and next_high is not None and next_high < low


def anchor(items: list[Item], flow: FlowMap, end: date | None, look_ahead: LookAhead | None = None) -> None:
    """Give every item its bounds and basis, walking the story forward and then backward."""
    clock: Window | None = None
    flashback: Flashback | None = None
    previous_start = 0
    counted: dict[str, Bounds] = {}
    rule = look_ahead or LookAhead()
    next_highs = _next_highs(items)
    for number, item in enumerate(items):
        if flashback is not None and (
            item.paragraph > flashback.last_paragraph
            or flow.heading_between(previous_start, item.start)
            or _returns(item)
        ):
            flashback = None
        previous_start = item.start
        stated = read_links(item.links, flashback.clock if flashback else clock, end, counted)
        if flashback is not None and not stated.relative and _forward(stated, clock):
            flashback = None
        item.time_id = stated.time_id
        low, high = stated.earliest, stated.latest
        own = low is not None or high is not None
        item.basis = ("narrative" if stated.relative else "stated") if own else "inferred"
        item.earliest, item.latest = low, high
        if not item.in_flow:
            if item.follows and clock is not None and low is None and (high is None or clock[0] <= high):
                item.earliest = clock[0]
                item.basis = "narrative" if not own else item.basis
            continue
        if own and high is not None and clock is not None and high < clock[0]:
            item.retro = True
            if low is not None:
                flashback = Flashback((low, high), item.paragraph + FLASHBACK_PARAGRAPHS - 1)
            continue
        if (
            own and not stated.relative and low is not None and clock is not None and flashback is None
            and _looks_ahead(item, low, clock, next_highs[number], rule)
        ):
            item.retro = True  # keeps its own time; the story goes on from its clock
            continue
        if stated.backward:
            continue  # "a few days earlier": told out of order, it moves nothing
        here = flashback.clock if flashback is not None else clock
        if here is not None and (low is None or low < here[0]) and (high is None or here[0] <= high):
            low = item.earliest = here[0]
            if not own:
                item.basis = "narrative"
        item.upper_anchor = high is not None
        if not own:
            continue
        if flashback is not None:
            if high is not None:
                flashback.clock = (low, high)
        elif stated.until is not None:
            clock = stated.until
        elif low is not None:
            clock = (low, high if high is not None else (end or low))
    _close_from_behind(items, end)


def _forward(stated: Stated, clock: Window | None) -> bool:
    """Whether a stated time lies at or after the story's clock (it ends a flashback)."""
    if clock is None or (stated.earliest is None and stated.latest is None):
        return False
    return stated.latest is None or stated.latest >= clock[0]


def _returns(item: Item) -> bool:
    """Whether the item's sentence opens with a word that brings the story back to its present ("Now, ...")."""
    frame = item.frame
    if frame is None:
        return False
    sentence = frame.sent
    return any(tok.lower_ in RETURN_WORDS and tok.dep_ == "advmod" for tok in sentence[:3])


def _close_from_behind(items: list[Item], end: date | None) -> None:
    """Bound each item's latest by the next dated moment of the flow (else its open latest by the horizon)."""
    next_latest: date | None = None
    for item in reversed(items):
        follows = item.in_flow and not item.retro and next_latest is not None
        fits = follows and (item.earliest is None or item.earliest <= next_latest)
        if item.latest is None:
            if fits:
                item.latest = next_latest
                if item.basis == "inferred":
                    item.basis = "narrative"
            elif end is not None and (item.earliest is None or item.earliest <= end):
                item.latest = end
        elif fits and next_latest < item.latest:
            item.latest = next_latest
        if item.in_flow and not item.retro and item.upper_anchor and item.latest is not None:
            next_latest = item.latest
