"""Finds and normalises the time expressions of a text (the engine behind the times stage).

Speed: the text is scanned once for trigger words (digits, month and weekday names, seasons, units, deictic
words, event names: every rule needs one); the big rule alternation is only tried at the few word starts
just before each trigger. Matches are resolved left to right, so relative expressions see the narrative
reference times before them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from chronologue.lib.regex_starts import guarded
from chronologue.lib.text import inside_quotation
from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.anchoring import References
from chronologue.lib.timex.normalise import HANDLERS, Resolution, Scope, norm_event
from chronologue.lib.timex.patterns import Compiled, compiled, program_regex
from chronologue.lib.timex.resources import anchors_env_key, lookup_key, raw_words, rules
from chronologue.lib.timex.values import span_of, to_edtf

LOOKBACK_WORDS = 9
LOOKBACK_CHARS = 90
_WORD = re.compile(r"\w+")
_FUTURE = guarded(re.compile(
    r"(?:\b(?:will|won['’]t|would|shall|going to|plan\w*|is to|are to|scheduled|expected to|due to|set to|"
    r"as soon as|as early as|as late as|postponed|upcoming|intends? to|hopes? to)\b|['’]ll\b)",
    re.IGNORECASE,
))
# cues of the future as seen from the writer's present; the others (would, planned, expected to) are as often
# the future of a past the story tells ("a victory that would follow")
_WRITERS_FUTURE = re.compile(r"(?:will|won['’]t|shall|going to|upcoming|['’]ll)", re.IGNORECASE)
# cues that in a history as often tell what then happened ("victories would follow on 12 September", "as early
# as 1915") as what was only planned: a time after them may still be the story's
_NARRATIVE_FUTURE = re.compile(r"would|as (?:soon|early|late) as|postponed", re.IGNORECASE)
_SENTENCE_START = re.compile(r"[.!?][\"'”’)]*\s+|\n")
_PAST_VERB = guarded(re.compile(
    r"\b(?:said|told|was|were|had|did|made|took|came|went|began|left|met|held|gave|(?-i:[a-z]{3,}ed))\b",
    re.IGNORECASE,
))
_STOP = {"the", "of", "a", "an", "and", "in", "on", "to", "s", "german", "nazi", "allied", "great", "us", "u"}


@dataclass
class TaggedTimex:
    """One time expression: its span, TIMEX3 fields, EDTF form, day bounds and anchor basis."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None
    edtf: str | None
    earliest: str | None
    latest: str | None
    anchor: str | None
    rule: str


@lru_cache(maxsize=8)
def trigger_words(extra_anchors: tuple[str, ...] = (), env_key: tuple[str, ...] = ()) -> frozenset[str]:
    """Words one of which every time expression contains (lower case), from the word tables and the rules."""
    words = raw_words()
    found: set[str] = set()
    for table in (
        "month",
        "month_abbr",
        "weekday",
        "weekday_abbr",
        "season",
        "unit",
        "unit_adj",
        "decade_word",
        "day_part",
        "frequency",
    ):
        for w in words.get(table, []):
            found.update(lookup_key(w).replace("'", " ").split())
    found.update(lookup_key(w) for w in rules().get("triggers", {}).get("words", []))
    from chronologue.lib.timex.resources import load_anchors

    names = list(words.get("holiday", []))
    names += [name for anchor in load_anchors(extra_anchors) for name in anchor.names + anchor.generic]
    for name in names:  # a name needs one trigger: its last word (the head noun), else its longest one
        parts = [p for p in re.findall(r"\w+", name.lower()) if p not in _STOP]
        if parts:
            head = parts[-1]
            numeric = head.isdigit() or head in words.get("number", []) or len(head) < 3
            found.add(max(parts, key=len) if numeric else head)
    return frozenset(found - _STOP)


@lru_cache(maxsize=8)
def starter_words(extra_anchors: tuple[str, ...] = (), env_key: tuple[str, ...] = ()) -> frozenset[str]:
    """Words a match may begin with (lower case): first words of the part, approx, number, ordinal and
    event_relation tables and the rules' [triggers] starters; trigger words and digits start matches too."""
    words = raw_words()
    found = {
        lookup_key(w).split()[0]
        for t in ("part", "approx", "number", "ordinal", "event_relation")
        for w in words.get(t, [])
        if lookup_key(w)
    }
    found.update(lookup_key(w) for w in rules().get("triggers", {}).get("starters", []))
    from chronologue.lib.timex.resources import load_anchors

    names = list(words.get("holiday", [])) + [n for a in load_anchors(extra_anchors) for n in a.names + a.generic]
    found.update(first.lower() for name in names for first in re.findall(r"\w+", name)[:1])
    return frozenset(found)


@lru_cache(maxsize=8)
def trigger_pattern(triggers: frozenset[str]) -> str:
    """One pattern for all trigger words (a trie) and any word that begins with a digit."""
    from chronologue.lib.timex.patterns import _alternation

    return r"(?<!\w)(?:\d\w*|(?:" + _alternation(sorted(triggers)) + r")(?!\w))"


@lru_cache(maxsize=8)
def trigger_regex(triggers: frozenset[str]) -> re.Pattern[str]:
    """The trigger pattern compiled, behind a look-ahead for its first characters."""
    return guarded(re.compile(trigger_pattern(triggers), re.IGNORECASE))


def _trigger_regex(comp: Compiled, triggers: frozenset[str]) -> re.Pattern[str]:
    """``trigger_regex``, from the program the prebuilt plan of the rules keeps for it when it has one."""
    program = comp.programs.get(trigger_pattern(triggers))
    return program_regex(program) if program is not None else trigger_regex(triggers)


def _candidates(text: str, comp: Compiled, triggers: frozenset[str], starters: frozenset[str]) -> list[re.Match[str]]:
    """Rule matches, left to right, each holding a trigger word, tried only at word starts before a trigger."""
    found: list[re.Match[str]] = []
    last_end = 0
    match = comp.match
    tried: dict[int, re.Match[str] | None] = {}  # a start position fails or matches the same for every trigger
    for t in _trigger_regex(comp, triggers).finditer(text):
        if t.end() <= last_end:
            continue
        lo = max(last_end, t.start() - LOOKBACK_CHARS)
        words = list(_WORD.finditer(text, lo, t.start()))[-(LOOKBACK_WORDS - 1) :]
        starts = [w.start() for w in words if w.group().lower() in starters or w.group()[0].isdigit()]
        starts.append(t.start())
        for ps in starts:
            if ps > 0 and text[ps - 1] in "'’" and (ps < 2 or not text[ps - 2].isalnum()):
                ps -= 1
            if ps < last_end:
                continue
            m = tried[ps] if ps in tried else tried.setdefault(ps, match(text, ps))
            if m and m.end() > t.start():
                found.append(m)
                last_end = m.end()
                break
    return found


def _inside(spans: tuple[tuple[int, int], ...], offset: int) -> bool:
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _negative_spans(text: str, comp: Compiled, m: re.Match[str], dated: bool) -> bool:
    """Whether a negative rule overlaps the candidate (each rule only where its gate finds the candidate text).

    A ``dated`` candidate (a day and a month) keeps the number after them as their year, whatever noun follows:
    ``On 20 July 1825 soldiers came``."""
    lo, hi = max(0, m.start() - 40), min(len(text), m.end() + 40)
    candidate = m.group()
    for gate, negative in comp.negatives:
        if gate is not None and not gate.search(candidate):
            continue
        for n in negative.finditer(text, lo, hi):
            if n.start() < m.end() and m.start() < n.end() and not (dated and n.start() > m.start()):
                return True
    return False


def _future(text: str, start: int) -> str:
    """Whether the clause before ``start`` speaks of the future (a modal before the expression): "" when not,
    else the cue ("will", "would", "expected to")."""
    window = text[max(0, start - 200) : start]
    cuts = [c.end() for c in _SENTENCE_START.finditer(window)]
    if cuts:
        window = window[cuts[-1] :]
    cues = list(_FUTURE.finditer(window))
    if not cues:
        return ""
    cue = cues[-1]
    # a past verb after the cue governs the expression (they said they would appeal, announced Wednesday)
    if any(p.start() >= cue.end() for p in _PAST_VERB.finditer(window, cue.end())):
        return ""
    return cue.group()


def _grain(span: tuple[int, int]) -> str:
    """The granularity a span of days stands for (a day, a month, a year or coarser)."""
    width = span[1] - span[0] + 1
    return "D" if width <= 7 else "M" if width <= 31 else "Y" if width <= 366 else "ANY"


def _groups(m: re.Match[str], comp: Compiled) -> tuple[str, dict[str, str]]:
    key = m.lastgroup or ""
    rule = comp.rules[key]
    groups = {name: m.group(f"{key}_{name}") for name in rule.groups}
    groups = {k: v for k, v in groups.items() if v is not None}
    groups["_text"] = m.group()
    return key, groups


def tag(
    text: str,
    *,
    dct: date | None = None,
    doc: object | None = None,
    anchors: tuple[str, ...] = (),
    asides: tuple[tuple[int, int], ...] = (),
    background: tuple[tuple[int, int], ...] = (),
) -> list[TaggedTimex]:
    """All time expressions of ``text`` in order; ``dct`` anchors deictic ones, ``anchors`` adds event files.

    ``asides`` (sorted spans: captions, headings, the bibliography) are outside the story's flow: their times
    are tagged but never become the reference later relative expressions resolve against ("around 1935" in a
    photo caption does not make "the following spring" 1936). ``background`` (sorted, disjoint spans: the
    clauses ``lib.timex.background`` finds) move the story only forward: "Awadh, which the Company had annexed in
    1856," does not take an 1857 story's "in June" back to 1856 ("later that year" may still point back to it).

    ``doc`` (the spaCy parse) is accepted for callers that have one but not needed: the rules read the text
    (a parse-based tense test measured no better than the clause heuristic of ``_future``).
    """
    env = anchors_env_key()
    comp = compiled(tuple(anchors), env)
    refs = References(dct=cal.from_date(dct) if dct is not None else None)
    resolved: list[tuple[int, int, str, Resolution]] = []
    for m in _candidates(text, comp, trigger_words(tuple(anchors), env), starter_words(tuple(anchors), env)):
        key, g = _groups(m, comp)
        if _negative_spans(text, comp, m, dated=bool(g.get("day") and g.get("month"))):
            continue
        rule = comp.rules[key]
        if rule.spec.get("history_only") and not refs.tells_history():
            continue
        cue = _future(text, m.start())
        will = bool(cue) and bool(_WRITERS_FUTURE.fullmatch(cue))
        scope = Scope(refs=refs, future=bool(cue), will=will, quoted=inside_quotation(text, m.start()))
        try:
            if rule.kind == "event":
                res = norm_event(rule, g, scope, comp.event_names)
            else:
                res = HANDLERS[rule.kind](rule, g, scope)
        except (ValueError, OverflowError, KeyError, IndexError, StopIteration, TypeError):
            res = None
        if res is None:
            continue
        if res.named_event is not None:
            refs.name_event(res.named_event)
        bare_event = rule.kind == "event" and "event" in g and not (g.get("part") or g.get("evrel") or g.get("num"))
        if bare_event and not any(a.period for a in comp.event_names.get(lookup_key(g["event"]), ())):
            continue  # a bare event name (Stalingrad, the war) is no time expression and does not move the story
        if res.span is not None and res.type in ("DATE", "TIME") and not _inside(asides, m.start()):
            if res.anchor == "absolute":
                refs.count(res.span)
            # the writer's present (last year, said of the document date) is no time of a story told about the past,
            # nor is a plan of the past ("for a campaign planned in 1976"): the story does not move there
            writers_present = res.anchor == "document" and refs.history(_grain(res.span)) is not None
            planned = bool(cue) and not _NARRATIVE_FUTURE.fullmatch(cue) and refs.tells_history()
            looking_back = _inside(background, m.start()) and refs.before_present(res.span)
            if res.reference and rule.spec.get("moves_story", True) and not writers_present and not planned:
                refs.push(res.span, background=looking_back)
        if _said_of_today(rule.kind, g, res):
            refs.said_of_today()
        resolved.extend((a, b, rule.name, r) for a, b, r in _split(m, rule.key, res))
    horizon = _horizon(refs.dct, [r for *_, r in resolved])
    return [_result(a, b, name, res, horizon) for a, b, name, res in resolved]


def _split(m: re.Match[str], key: str, res: Resolution) -> list[tuple[int, int, Resolution]]:
    """A range whose rule marks the connector (group ``sep``: "1955-1963", "22-25 April 1951", "August to
    September 1950") is two time expressions, as TIMEX3 has them: each end with its own value and bounds."""
    sep = m.start(f"{key}_sep") if f"{key}_sep" in m.re.groupindex else -1
    if sep < 0 or not res.value or res.value.count("/") != 1:
        return [(m.start(), m.end(), res)]
    parts = []
    for (a, b), value in zip(((m.start(), sep), (m.end(f"{key}_sep"), m.end())), res.value.split("/"), strict=True):
        span = span_of(value)
        part = Resolution(type=res.type, value=value, anchor=res.anchor, reference=res.reference)
        if span is not None:
            part.first, part.last = span
        parts.append((a, b, part))
    return parts


DEICTIC_RELS = frozenset({"this", "last", "next", "this past", "this coming"})
DEICTIC_DIRS = frozenset({"ago", "from now", "hence"})


def _said_of_today(kind: str, g: dict[str, str], res: Resolution) -> bool:
    """Whether the expression is said of the writer's present (yesterday, last week, two years ago): evidence
    of news whatever it was resolved against (a word of the story's present such as "now" is not)."""
    if kind == "deictic":
        return not (res.value or "").endswith("_REF")
    if g.get("weekday") and lookup_key(g.get("rel") or "") != "that":  # a bare weekday: news of the week
        return True
    return lookup_key(g.get("rel") or "") in DEICTIC_RELS or lookup_key(g.get("dir") or "") in DEICTIC_DIRS


def _horizon(dct: int | None, items: list[Resolution]) -> int | None:
    """The latest day the text still allows for open-ended expressions: the document date, else the latest
    absolute time the text names (a citation year)."""
    if dct is not None:
        return dct
    lasts = [r.last for r in items if r.anchor == "absolute" and r.last is not None]
    return max(lasts) if lasts else None


def _result(start: int, end: int, name: str, res: Resolution, horizon: int | None) -> TaggedTimex:
    first, last = res.first, res.last
    if res.open_end:
        last = horizon if horizon is not None and first is not None and horizon >= first else None
    if first is not None and last is not None and last < first:
        first = last = None
    anchor = res.anchor if (first is not None or last is not None or res.type not in ("DATE", "TIME")) else None
    edtf = to_edtf(res.value, res.mod, (first, last)) if res.type in ("DATE", "TIME") else None
    return TaggedTimex(
        start=start,
        end=end,
        type=res.type,
        value=res.value,
        mod=res.mod,
        edtf=edtf,
        earliest=cal.iso(first) if first is not None else None,
        latest=cal.iso(last) if last is not None else None,
        anchor=anchor,
        rule=name,
    )
