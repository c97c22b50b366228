"""Speaker attribution as a ranking: for each spoken quotation, the persons who may have said it (candidates from
the coreference chains around it and from the rules' answers), each described by features, scored by a small
trained model (``chronologue/data/models/speakers.npz``, trained by ``tools/train_speakers.py``).

The features read only what a story holds (quotation spans, the rules' speakers and their mentions, the person
mentions with their kind, the paragraphs, the sexes), so the same code describes a quotation in the pipeline and
in training. The rules stay as features (the rules' speaker of this quotation and of the two before, and how
they found it) and as the fast path: a quotation the rules attribute by a name or pronoun next to it keeps its
speaker (``reranking``); the model chooses where they name no one and, as trained to (``decides``, ``margin``),
where they guess from afar and it outscores their guess by the margin.

Candidates: the persons mentioned in the narration near the quotation (the nearest first), the rules' speakers
of the lines around, those the line before and the line after call by name, and the persons mentioned further
back (who was on stage when a long conversation began).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy

from chronologue.data import DATA_DIR
from chronologue.errors import InputError

MODEL_DIR = DATA_DIR / "models"
MODEL_NAME = "speakers"
# How far around a quotation persons are candidates (code points before its start, after its end).
REACH_BEFORE = 2500
REACH_AFTER = 400
# At most this many candidates, the nearest first.
MAX_CANDIDATES = 12
# Persons mentioned further back than REACH_BEFORE, up to this far, are candidates too (after the nearer ones).
WIDE_REACH = 8000
# How close to a quotation a rule's speaker mention is an attribution next to it ("…," said Anna).
NEXT_TO = 40
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "they", "we"})

FEATURES = (
    "rule",  # the rules named this candidate
    "rule_next_to_name",  # ... by a name right next to the quotation
    "rule_next_to_pronoun",  # ... by a pronoun right next to it
    "rule_far",  # ... by something further away (turn-taking, a subject before)
    "previous_rule",  # the rules' speaker of the quotation before
    "second_rule",  # ... of the one before that (the other side of a dialogue)
    "previous_same_paragraph",  # the quotation before is in the same paragraph and its speaker is this one
    "named_in_quote",  # named (or called) inside this quotation: usually the one spoken to
    "named_in_previous_quote",  # named in the quotation before: the one who answers
    "in_paragraph_before",  # mentioned in the narration of the paragraph, before the quotation
    "in_paragraph_after",  # ... after it
    "subject_pronoun_after",  # a he/she of this candidate's sex opens the words after the quotation
    "sex_clash_after",  # a he/she of the other sex does
    "near_before",  # closeness of the last mention before (1 right next to it, 0 at the reach)
    "near_after",  # closeness of the first mention after
    "mentions_before",  # log count of mentions in the reach before
    "name_mentions",  # log count of the candidate's name mentions in the document
    "pronoun_before",  # the last mention before is a pronoun of the chain
    "last_named_before",  # the last person mentioned before the quotation
    "first_named_after",  # the first person mentioned after it
    "alternates",  # in a run of lines in consecutive paragraphs, the speaker of the line before the last
    "previous_paragraph_speaker",  # the speaker of the line in the paragraph right before (seldom speaks twice)
    "next_rule",  # the rules' speaker of the quotation after (in a dialogue, the other side)
    "second_next_rule",  # ... of the one after that (the same side)
    "spoke_recently",  # the rules' speaker of one of the four quotations before the last two
    "called_in_previous",  # called at the start or end of the quotation before ("…, Anna?"): the one who answers
    "called_here",  # called at the start or end of this quotation: the one spoken to
    "only_person_in_paragraph",  # the one person the narration of the paragraph names
    "mentions_nearby",  # log count of mentions within a few pages around the quotation
    "other_speaker",  # the last one to speak before the quotation who is not the speaker of the one before
    "beat_subject",  # named first in the sentence of narration right before the quotation in its paragraph
    "no_one_narrated",  # (of the quotation) the narration of its paragraph names no one
    "opens_paragraph",  # (of the quotation) it opens its paragraph
    "called_in_next",  # called at the start or end of the quotation after: the one who spoke this one
    "far_back_only",  # mentioned only further back than the near reach (on stage before the conversation began)
    "near_far_back",  # closeness of the last mention before within the wide reach (1 right next to it, 0 at it)
)
# Constant over a quotation's candidates: they only shift how much the other features count (hidden units).
_SENTENCE_END = re.compile(r"[.!?;:]\s")
# The edge of a quotation where a name is a call ("Anna, come here", "…, Anna?"), in code points.
CALL_EDGE = 25
# How far back the rules' speakers count as having spoken recently, in quotations; how far around mentions count.
RECENT_QUOTES = 6
NEARBY = 8000


@dataclass(frozen=True)
class QuoteRow:
    """A spoken quotation and what the rules said of it."""

    start: int
    end: int
    speaker: str | None
    mention: tuple[int, int] | None


@dataclass(frozen=True, order=True)
class MentionRow:
    start: int
    end: int
    entity: str
    kind: str  # name | pronoun | nominal


@dataclass
class Scene:
    """What the features read: a story's spoken quotations, person mentions, paragraphs and sexes."""

    text: str
    quotes: list[QuoteRow]
    mentions: list[MentionRow]  # sorted by start
    paragraphs: list[tuple[int, int]]  # sorted
    genders: dict[str, str]
    quoted: list[tuple[int, int]]  # every quotation's span, sorted (for "inside a quotation")

    def __post_init__(self) -> None:
        self._mention_starts = [m.start for m in self.mentions]
        self._paragraph_starts = [p[0] for p in self.paragraphs]
        self._quoted_starts = [q[0] for q in self.quoted]
        self.name_counts: dict[str, int] = {}
        for m in self.mentions:
            if m.kind == "name":
                self.name_counts[m.entity] = self.name_counts.get(m.entity, 0) + 1

    def paragraph(self, offset: int) -> int:
        return bisect_right(self._paragraph_starts, offset) - 1

    def inside_quote(self, offset: int) -> bool:
        i = bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and offset < self.quoted[i][1]

    def mentions_in(self, start: int, end: int) -> list[MentionRow]:
        return self.mentions[bisect_left(self._mention_starts, start):bisect_left(self._mention_starts, end)]


def describe(scene: Scene, said: list[str | None] | None = None) -> list[tuple[list[str], numpy.ndarray]]:
    """For each quotation of the scene: its candidates and their feature matrix (candidates x FEATURES).
    ``said`` gives who spoke each quotation as the turn-taking features read it (the other quotations' speakers):
    the rules' speakers when None, a first pass's choices in the second pass of decoding."""
    if said is None:
        said = [q.speaker for q in scene.quotes]
    return [_describe(scene, n, quote, said) for n, quote in enumerate(scene.quotes)]


def _describe(scene: Scene, n: int, quote: QuoteRow, said: list[str | None]) -> tuple[list[str], numpy.ndarray]:
    text = scene.text
    previous = scene.quotes[n - 1] if n >= 1 else None
    second = scene.quotes[n - 2] if n >= 2 else None
    said_previous = said[n - 1] if n >= 1 else None
    said_second = said[n - 2] if n >= 2 else None
    said_next = said[n + 1] if n + 1 < len(said) else None
    said_second_next = said[n + 2] if n + 2 < len(said) else None
    here = scene.paragraph(quote.start)
    before = [m for m in scene.mentions_in(quote.start - REACH_BEFORE, quote.start) if not scene.inside_quote(m.start)]
    after = [m for m in scene.mentions_in(quote.end, quote.end + REACH_AFTER) if not scene.inside_quote(m.start)]
    inside = scene.mentions_in(quote.start, quote.end)
    inside_previous = scene.mentions_in(previous.start, previous.end) if previous is not None else []
    following = scene.quotes[n + 1] if n + 1 < len(scene.quotes) else None
    order: dict[str, float] = {}
    for m in before:
        order[m.entity] = min(order.get(m.entity, 1e9), quote.start - m.end)
    for m in after:
        order[m.entity] = min(order.get(m.entity, 1e9), m.start - quote.end)
    recent: set[str] = {speaker for k in range(max(0, n - RECENT_QUOTES), max(0, n - 2))
                        if (speaker := said[k]) is not None and quote.start - scene.quotes[k].end < REACH_BEFORE}
    other = next((said[k] for k in range(n - 1, max(-1, n - 1 - RECENT_QUOTES), -1)
                  if said[k] is not None and said[k] != said_previous
                  and quote.start - scene.quotes[k].end < REACH_BEFORE), None)
    called_before = _called(scene, previous) if previous is not None and quote.start - previous.end < REACH_BEFORE \
        else set()
    called_after = _called(scene, following) if following is not None and following.start - quote.end < REACH_BEFORE \
        else set()
    for extra in (quote.speaker, said_previous, said_second, said_next, other, *sorted(recent),
                  *sorted(called_before), *sorted(called_after)):
        if extra is not None:
            order.setdefault(extra, REACH_BEFORE)
    wide = [m for m in scene.mentions_in(quote.start - WIDE_REACH, quote.start) if not scene.inside_quote(m.start)]
    for m in reversed(wide):  # further back: who was on stage before the conversation began
        order.setdefault(m.entity, REACH_BEFORE + quote.start - m.end)
    last_wide = {m.entity: quote.start - m.end for m in wide}
    candidates = sorted(order, key=lambda e: order[e])[:MAX_CANDIDATES]
    if quote.speaker is not None and quote.speaker not in candidates:
        candidates[-1:] = [quote.speaker]
    matrix = numpy.zeros((len(candidates), len(FEATURES)), dtype=numpy.float64)
    if not candidates:
        return candidates, matrix
    column = {name: i for i, name in enumerate(FEATURES)}
    rule_kind = _rule_kind(text, quote)
    opener = _opening_pronoun(text, quote.end)
    last_before = before[-1].entity if before else None
    first_after = after[0].entity if after else None
    same_paragraph = previous is not None and scene.paragraph(previous.start) == here
    adjacent = previous is not None and scene.paragraph(previous.start) == here - 1
    run = adjacent and second is not None and scene.paragraph(second.start) == here - 2
    called_here = _called(scene, quote)
    narrated = {m.entity for m in scene.mentions_in(scene.paragraphs[here][0], scene.paragraphs[here][1])
                if not scene.inside_quote(m.start)} if here >= 0 else set()
    beat = _beat_subject(scene, quote, previous, before)
    opens = here >= 0 and not text[scene.paragraphs[here][0]:quote.start].strip(" \n\t\"'“‘—-")
    nearby = scene.mentions_in(quote.start - NEARBY, quote.end + NEARBY)
    nearby_counts: dict[str, int] = {}
    for m in nearby:
        nearby_counts[m.entity] = nearby_counts.get(m.entity, 0) + 1
    for row, entity in enumerate(candidates):
        values = matrix[row]
        if entity == quote.speaker:
            values[column["rule"]] = 1.0
            values[column[rule_kind]] = 1.0
        if entity == said_previous:
            values[column["previous_rule"]] = 1.0
            values[column["previous_same_paragraph"]] = float(same_paragraph)
        if entity == said_second:
            values[column["second_rule"]] = 1.0
        values[column["named_in_quote"]] = float(any(m.entity == entity for m in inside))
        values[column["named_in_previous_quote"]] = float(any(m.entity == entity for m in inside_previous))
        mine_before = [m for m in before if m.entity == entity]
        mine_after = [m for m in after if m.entity == entity]
        values[column["in_paragraph_before"]] = float(any(scene.paragraph(m.start) == here for m in mine_before))
        values[column["in_paragraph_after"]] = float(any(scene.paragraph(m.start) == here for m in mine_after))
        sex = scene.genders.get(entity)
        if opener is not None and sex is not None:
            values[column["subject_pronoun_after"]] = float(opener == sex)
            values[column["sex_clash_after"]] = float(opener != sex)
        if mine_before:
            values[column["near_before"]] = 1.0 - min(1.0, (quote.start - mine_before[-1].end) / REACH_BEFORE)
            values[column["pronoun_before"]] = float(mine_before[-1].kind == "pronoun")
        if mine_after:
            values[column["near_after"]] = 1.0 - min(1.0, (mine_after[0].start - quote.end) / REACH_AFTER)
        values[column["mentions_before"]] = math.log1p(len(mine_before))
        values[column["name_mentions"]] = math.log1p(scene.name_counts.get(entity, 0)) / 8.0
        values[column["last_named_before"]] = float(entity == last_before)
        values[column["first_named_after"]] = float(entity == first_after)
        values[column["alternates"]] = float(run and entity == said_second and said_previous != entity)
        values[column["previous_paragraph_speaker"]] = float(adjacent and entity == said_previous)
        values[column["next_rule"]] = float(entity == said_next)
        values[column["second_next_rule"]] = float(entity == said_second_next)
        values[column["spoke_recently"]] = float(entity in recent)
        values[column["called_in_previous"]] = float(entity in called_before)
        values[column["called_here"]] = float(entity in called_here)
        values[column["only_person_in_paragraph"]] = float(narrated == {entity})
        values[column["mentions_nearby"]] = math.log1p(nearby_counts.get(entity, 0)) / 4.0
        values[column["other_speaker"]] = float(entity == other)
        values[column["beat_subject"]] = float(entity == beat)
        values[column["no_one_narrated"]] = float(not narrated)
        values[column["opens_paragraph"]] = float(opens)
        values[column["called_in_next"]] = float(entity in called_after)
        values[column["far_back_only"]] = float(order[entity] > REACH_BEFORE)
        if entity in last_wide:
            values[column["near_far_back"]] = 1.0 - min(1.0, last_wide[entity] / WIDE_REACH)
    return candidates, matrix


def _beat_subject(scene: Scene, quote: QuoteRow, previous: QuoteRow | None, before: list[MentionRow]) -> str | None:
    """Who is named first in the last sentence of narration before the quotation, within its paragraph and after
    the quotation before (an action beat: "She raised her eyebrows. 'You did not?'")."""
    here = scene.paragraph(quote.start)
    if here < 0:
        return None
    start = scene.paragraphs[here][0]
    if previous is not None and previous.end > start:
        start = previous.end
    ends = list(_SENTENCE_END.finditer(scene.text, start, max(start, quote.start - 2)))
    if ends:
        start = ends[-1].end()
    return next((m.entity for m in before if m.start >= start), None)


def _called(scene: Scene, quote: QuoteRow) -> set[str]:
    """The persons named at the start or the end of a quotation: those it calls (``"Anna, …"``, ``"…, Anna?"``)."""
    return {m.entity for m in scene.mentions_in(quote.start, quote.end)
            if m.kind == "name" and (m.start - quote.start <= CALL_EDGE or quote.end - m.end <= CALL_EDGE)}


def _rule_kind(text: str, quote: QuoteRow) -> str:
    """How the rules found their speaker: a name or a pronoun next to the quotation, or something further."""
    if quote.mention is None:
        return "rule_far"
    start, end = quote.mention
    near = quote.start - NEXT_TO <= end and start <= quote.end + NEXT_TO
    if not near:
        return "rule_far"
    return "rule_next_to_pronoun" if text[start:end].lower() in PRONOUNS else "rule_next_to_name"


def _opening_pronoun(text: str, end: int) -> str | None:
    """The sex of a he/she among the first words after a quotation ("…," she said), else None."""
    words = text[end:end + 30].replace(",", " ").split()[:3]
    for word in words:
        lower = word.strip(".;:!?\"'“”‘’").lower()
        if lower == "he":
            return "male"
        if lower == "she":
            return "female"
    return None


DECIDES = ("fill", "far", "all")


@dataclass(frozen=True)
class SpeakerModel:
    """A conditional logit over the candidates of a quotation, decoded in passes: one weight per feature and pass.
    The first pass reads the rules' speakers of the other quotations, each later pass the pass before's choices
    (so a line of a dialogue follows who the model thinks spoke the lines around it)."""

    version: str
    features: tuple[str, ...]
    weights: numpy.ndarray  # passes x features: the linear part of the score
    hidden: numpy.ndarray | None = None  # passes x units x (features + 1): a small hidden layer (tanh), bias last
    out: numpy.ndarray | None = None  # passes x units: the hidden units' weights in the score
    decides: str = "far"  # "fill": where the rules name no one; "far": also where they guess from afar; "all":
    # everywhere but an unnamed someone the rules found ("one of the camp's cooks")
    margin: float = 0.0  # where the rules named someone, the model's choice must outscore theirs by this much

    def overrules(self, text: str, quote: QuoteRow) -> bool:
        """The model chooses this quotation's speaker (else the rules' answer stands)."""
        if self.decides == "all":
            return quote.speaker is not None or quote.mention is None
        if self.decides == "far":  # a name, pronoun or unnamed someone next to the quotation stands, and an
            # unnamed someone further away ("One of his fellow prisoners … described the winter:")
            return _rule_kind(text, quote) == "rule_far" and (quote.speaker is not None or quote.mention is None)
        return quote.speaker is None and quote.mention is None

    def scores(self, matrix: numpy.ndarray, stage: int = -1) -> numpy.ndarray:
        score = matrix @ self.weights[stage]
        if self.hidden is not None and self.out is not None and self.hidden.shape[1]:
            units = numpy.tanh(matrix @ self.hidden[stage][:, :-1].T + self.hidden[stage][:, -1])
            score = score + units @ self.out[stage]
        return score

    def choose(self, candidates: list[str], matrix: numpy.ndarray, stage: int = -1, ruled: str | None = None
               ) -> str | None:
        """The candidate ranked first; with ``ruled`` (the rules' speaker), only when it outscores the rules' by
        the model's margin (else the rules' answer)."""
        if not candidates:
            return None
        scores = self.scores(matrix, stage)
        best = int(numpy.argmax(scores))
        if ruled is not None and ruled in candidates and scores[best] - scores[candidates.index(ruled)] <= self.margin:
            return ruled
        return candidates[best]

    def decode(self, scene: Scene, said: list[str | None] | None, stage: int) -> list[str | None]:
        """One pass: each quotation's speaker, the model's choice where it decides, else the rules'."""
        chosen = []
        for quote, (candidates, matrix) in zip(scene.quotes, describe(scene, said), strict=True):
            mine = candidates and self.overrules(scene.text, quote)
            chosen.append(self.choose(candidates, matrix, stage, quote.speaker) if mine else quote.speaker)
        return chosen

    def speakers(self, scene: Scene) -> list[str | None]:
        """Each quotation's speaker after every pass."""
        said = None
        for stage in range(len(self.weights)):
            said = self.decode(scene, said, stage)
        return said if said is not None else [q.speaker for q in scene.quotes]


@cache
def load_model(directory: str | None = None) -> SpeakerModel:
    """The shipped speaker model (weights in ``speakers.npz``, feature names and version in ``speakers.json``)."""
    folder = MODEL_DIR if directory is None else Path(directory)
    meta_path, weights_path = folder / f"{MODEL_NAME}.json", folder / f"{MODEL_NAME}.npz"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with numpy.load(weights_path) as arrays:
            weights = numpy.atleast_2d(numpy.asarray(arrays["weights"], dtype=numpy.float64))
            hidden = numpy.asarray(arrays["hidden"], dtype=numpy.float64) if "hidden" in arrays else None
            out = numpy.asarray(arrays["out"], dtype=numpy.float64) if "out" in arrays else None
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(weights_path), f"the speaker model cannot be read ({exc})",
                         "reinstall chronologue or retrain with tools/train_speakers.py") from None
    features = tuple(meta.get("features", ()))
    shapes_fit = hidden is None or (out is not None and hidden.shape[0] == out.shape[0] == len(weights)
                                    and hidden.shape[2] == len(FEATURES) + 1 and hidden.shape[1] == out.shape[1])
    if features != FEATURES or weights.shape[1:] != (len(FEATURES),) or not shapes_fit:
        raise InputError(str(meta_path), "the speaker model's features are not the ones this version computes",
                         "retrain it with tools/train_speakers.py")
    decides = str(meta.get("decides", "fill"))
    if decides not in DECIDES:
        raise InputError(str(meta_path), f"the speaker model decides {decides!r}, not one of {', '.join(DECIDES)}",
                         "retrain it with tools/train_speakers.py")
    return SpeakerModel(version=str(meta.get("version", "")), features=features, weights=weights, hidden=hidden,
                        out=out, decides=decides, margin=float(meta.get("margin", 0.0)))
