"""Finds every quotation of a story, sorts it and attributes it: the quotes stage's whole job."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from chronologue.annotators.quotes.blocks import NOT_QUOTED_ROLES, BlockQuote, find_blocks, intro_cue
from chronologue.annotators.quotes.dashes import DASH_MARKS, find_dashed
from chronologue.annotators.quotes.kinds import marked_kind
from chronologue.annotators.quotes.lexicon import ELISION, Lexicon, lexicon
from chronologue.annotators.quotes.marks import Marked, find_marked
from chronologue.annotators.quotes.speakers import Attributor, Speaker
from chronologue.annotators.quotes.text import Paragraph, Sentences, paragraphs_of
from chronologue.annotators.quotes.turns import fill_turns, replies, vocatives
from chronologue.lib.text import trimmed_span
from chronologue.model.story import Quote, QuoteKind, Span

if TYPE_CHECKING:
    from chronologue.model.story import Story
    from chronologue.pipeline.context import Context

_SENTENCE_STOP = re.compile(r"[.!?;]")
_DANGLING_CLOSE = re.compile(r"\s*([”\"»’])\s*[.,]?$")
AFTER_WINDOW = 160
WORDS_KINDS = ("speech", "writing")
# where the words around an elision start: after the preposition or verb that governs them ("accused of …")
_STOP_POS = frozenset({"ADP", "VERB", "AUX", "SCONJ"})


@dataclass
class Found:
    """A quotation on its way to the story."""

    start: int
    end: int
    kind: str  # a QuoteKind once classified
    open_at: int | None = None
    close_at: int | None = None
    intro: tuple[int, int] | None = None
    parent: Found | None = None
    previous: Found | None = None  # the quotation before at the same level
    next: Found | None = None  # the quotation after at the same level
    speaker: Speaker | None = None
    source: str | None = None
    attributed_after: bool = False

    @property
    def top_level(self) -> bool:
        return self.parent is None


def _trim_block(text: str, start: int, end: int) -> tuple[int, int]:
    """A block's words: without surrounding space nor a closing mark left dangling at its end (``… ” .``)."""
    while start < end and text[start].isspace():
        start += 1
    words = text[start:end].rstrip()
    dangling = _DANGLING_CLOSE.search(words)
    if dangling:  # the block's words end before a closing mark (its own or a nested quotation's)
        words = words[: dangling.start()]
    return start, start + len(words.rstrip())


def _link(found: list[Found]) -> None:
    """Sort quotations and set each one's parent and its neighbours at the same level, in one pass."""
    found.sort(key=lambda f: (f.start, -f.end))
    stack: list[Found] = []
    last_child: dict[int, Found] = {}
    for f in found:
        while stack and (stack[-1].end <= f.start or (stack[-1].start, stack[-1].end) == (f.start, f.end)):
            stack.pop()
        f.parent = stack[-1] if stack else None
        key = id(f.parent)
        before = last_child.get(key)
        f.previous, f.next = before, None
        if before is not None:
            before.next = f
        last_child[key] = f
        stack.append(f)


class QuoteFinder:
    """Detection, kinds and speakers for one story."""

    def __init__(self, story: Story, ctx: Context, lex: Lexicon) -> None:
        self.story = story
        self.text = story.text
        self.lex = lex
        self.paragraphs = paragraphs_of(story, ctx)
        self.paragraph_starts = [p.start for p in self.paragraphs]
        self.ctx = ctx
        assert ctx.doc is not None, "quotations are found in the parse"
        self.sentences = Sentences(ctx.doc, ctx.sentences, story.text)
        self._last_line: Found | None = None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect_right(self.paragraph_starts, offset) - 1
        return self.paragraphs[i] if i >= 0 and offset < self.paragraphs[i].end else None

    def _previous_paragraph(self, par: Paragraph) -> Paragraph | None:
        i = bisect_left(self.paragraph_starts, par.start)
        return self.paragraphs[i - 1] if i > 0 else None

    # -- detection ------------------------------------------------------------------------------------------
    def detect(self) -> list[Found]:
        marked = find_marked(self.text, [p.start for p in self.paragraphs])
        marked = sorted(marked + find_dashed(self.text, [p.start for p in self.paragraphs], marked),
                        key=lambda m: (m.start, -m.end))
        blocks = find_blocks(self.paragraphs, self.sentences, marked, self.lex)
        found = [self._block(b) for b in blocks if not self._block_is_marked(b, marked)]
        for m in marked:
            found.append(Found(m.start, m.end, "speech", m.open_at, m.close_at))
        _link(found)
        return found

    def _block(self, block: BlockQuote) -> Found:
        start, end = _trim_block(self.text, block.start, block.end)
        kind = (intro_cue(self.sentences, block.intro, self.lex) if block.intro else None) or "speech"
        return Found(start, end, kind, intro=block.intro)

    def _block_is_marked(self, block: BlockQuote, marked: list[Marked]) -> bool:
        """The block's quotation marks carry its quotations: one covers it, or one opens it (a blockquote holding
        ``"…," Aldona wrote. "…"``: the narration between is no one's words)."""
        size = block.end - block.start
        first, _ = trimmed_span(self.text, block.start, block.end)
        return any(m.depth == 0 and m.start >= block.start and m.end <= block.end
                   and (m.end - m.start >= 0.9 * size or m.open_at == first)
                   for m in marked)

    def elided_phrases(self, found: list[Found]) -> list[Found]:
        """Words around an elision mark in running prose: a quotation whose marks were lost."""
        out = []
        for match in ELISION.finditer(self.text):
            at = match.start()
            if any(f.start <= at < f.end for f in found):
                continue
            par = self.paragraph_at(at)
            if par is None or par.role not in ("body", "lede"):
                continue
            sent = self.sentences.sentence_at(at)
            before = [t for t in sent if t.idx < at]
            start_token = None
            for token in reversed(before):
                if (token.pos_ in _STOP_POS and token.tag_ != "VBG") or token.text == ":":
                    break
                start_token = token
            if start_token is None:
                continue
            end = sent.end_char
            while end > match.end() and (self.text[end - 1].isspace() or self.text[end - 1] in ".!?"):
                end -= 1
            if len(self.text[start_token.idx:end].split()) < 4:
                continue
            out.append(Found(start_token.idx, end, "speech", intro=(sent.start_char, start_token.idx)))
        return out

    # -- kinds ----------------------------------------------------------------------------------------------
    def classify(self, found: list[Found]) -> None:
        for f in found:
            if f.open_at is None or self.text[f.open_at] in DASH_MARKS:  # a line opened by a dash is dialogue
                continue
            f.intro = self._lead(f)
            after = self._after(f, self._next_open(f))
            nested = f.parent is not None and f.parent.kind in WORDS_KINDS
            before = f.previous
            continues = before is not None and before.kind in WORDS_KINDS and self._follows(before, f)
            f.kind = marked_kind(self.sentences, (f.start, f.end), f.intro, after, self.lex, nested, continues)

    @staticmethod
    def _next_open(f: Found) -> int | None:
        following = f.next
        if following is None:
            return None
        return following.open_at if following.open_at is not None else following.start

    def _lead(self, f: Found) -> tuple[int, int]:
        """From the sentence start (or the end of the quotation before) to the opening mark."""
        assert f.open_at is not None
        sent = self.sentences.sentence_at(f.open_at)
        start = sent.start_char
        if f.parent is not None:
            start = max(start, f.parent.start)
        before = f.previous
        if before is not None:
            close = before.close_at if before.close_at is not None else before.end
            if start <= close < f.open_at:
                start = close + 1
        par = self.paragraph_at(f.open_at)
        if par is not None:
            start = max(start, par.start)
            if not self.text[par.start:f.open_at].strip() and f.parent is None:
                prev = self._previous_paragraph(par)
                if prev is not None and self.text[prev.start:prev.end].rstrip().endswith(":"):
                    intro = self.sentences.last_sentence(prev.start, prev.end)
                    if intro:
                        return intro
        return start, f.open_at

    def _after(self, f: Found, next_open: int | None) -> tuple[int, int]:
        start = (f.close_at if f.close_at is not None else f.end) + 1
        end = min(len(self.text), start + AFTER_WINDOW, next_open if next_open is not None else len(self.text))
        par = self.paragraph_at(start - 1)  # the words after a quotation never run into the next paragraph
        if par is not None:
            end = min(end, par.end)
        stop = _SENTENCE_STOP.search(self.text, start, end)
        if stop is not None and self.text[start:stop.start()].strip():
            end = stop.end()
        return start, max(start, end)

    # -- speakers -------------------------------------------------------------------------------------------
    def attribute(self, found: list[Found]) -> None:
        spans = [(f.open_at if f.open_at is not None else f.start, (f.close_at or f.end) + 1)
                 for f in found if f.top_level]
        asides = [(p.start, p.end) for p in self.paragraphs if p.role in NOT_QUOTED_ROLES]
        attributor = Attributor(self.ctx.coreference(self.story, spans, asides), self.lex)
        for f in found:
            if f.kind == "document":
                f.source = attributor.source_in(*(f.intro or (f.start, f.start)))
                continue
            if f.kind not in WORDS_KINDS:
                continue
            if f.open_at is None:
                f.speaker = self._block_speaker(f, attributor)
            else:
                f.speaker = self._marked_speaker(f, attributor)
                if f.top_level and f.close_at is not None:
                    self._last_line = f
            body = attributor.body_of(f.speaker)
            if body is not None:  # the words of an office, a law or a paper: a document, with its source
                f.kind, f.source, f.speaker = "document", body, None
        lines = [f for f in found if f.top_level and f.open_at is not None and f.kind in WORDS_KINDS]
        fill_turns(lines, self.text, attributor.coref.person_named, attributor.coref.gender)
        for f in lines:  # last resort: the person the narration right before was about ("He held it up. "…""),
            # else the one right after ("Well, Watson?" Holmes sat with his back to me), never the one called
            if f.speaker is None or (f.speaker.entity is None and f.speaker.mention is None):
                called = set(vocatives(f, self.text, attributor.coref.person_named))
                for actor in (self._actor_before(f, attributor), self._actor_after(f, attributor)):
                    if actor is not None and actor.entity not in called:
                        f.speaker = actor
                        break

    def _block_speaker(self, f: Found, attributor: Attributor) -> Speaker | None:
        if f.intro is None:
            return attributor.coref.nearest_person(f.start)
        found = attributor.speaker_in(*f.intro, leading=True)
        index = self.sentences.index_at(f.intro[0])
        for back in (1, 2):
            if found is not None or index - back < 0:
                break
            sent = self.sentences.spans[index - back]
            found = attributor.speaker_in(sent.start_char, sent.end_char, leading=True)
        return found or (attributor.coref.nearest_person(f.intro[0]) if f.intro is not None else None)

    def _marked_speaker(self, f: Found, attributor: Attributor) -> Speaker | None:
        before = f.previous
        if (before is not None and before.attributed_after and before.speaker is not None and f.intro is not None
                and self._follows(before, f)
                and self.text[f.intro[0]:f.intro[1]].rstrip()[-1:] in (",", ";", ":", "—", "–", "-")):
            return before.speaker  # "…," Anna went on; "…": the sentence has not ended, the same words go on
        if f.intro is not None and self.text[f.intro[0]:f.intro[1]].rstrip().endswith(":"):
            found = attributor.speaker_in(*f.intro, leading=True)  # Lucy rose, exclaiming: "…"
            if found is not None:
                return found
        after = self._after(f, self._next_open(f))
        new_sentence = self._ends_turn(f, after)
        if new_sentence and self._leads_next(after, f):
            after = (after[0], after[0])  # "…" Miss Bartlett said, with more restraint: "…": the next one's
        found = attributor.speaker_in(*after, beat_ok=not new_sentence)
        if found is None and self.text[f.start:f.end].rstrip()[-1:] in (",", "—", "–", "-"):
            found = attributor.speaker_of_first_verb(*after)  # "…," fleered Jack: any verb attributes
        if found is not None:
            f.attributed_after = True
            return found
        before = f.previous
        if (before is not None and before.attributed_after and before.speaker is not None and self._follows(before, f)
                and not replies(before, f, self.text)):
            return before.speaker  # "…," returned she; "…": the same words go on (unless they answer)
        if f.intro is not None and not self._closes_previous(f):
            found = attributor.speaker_in(*f.intro, leading=True)
        if found is None and f.top_level:
            found = self._beat_before(f, attributor)
        return found

    def _leads_next(self, after: tuple[int, int], f: Found) -> bool:
        """The words after the quotation end in a colon right before the next one: they introduce it."""
        following = f.next
        return (following is not None and following.open_at is not None
                and self.text[after[0]:following.open_at].rstrip().endswith(":"))

    def _closes_previous(self, f: Found) -> bool:
        """The words before the quotation are the attribution of the one before (``"…," said Anna. "No, …"``)."""
        before = f.previous
        return (before is not None and f.intro is not None and before.attributed_after and self._follows(before, f)
                and self.text[f.intro[0]:f.intro[1]].rstrip()[-1:] not in ":,")

    def _follows(self, before: Found, f: Found) -> bool:
        """The words leading to ``f`` start right where the quotation before closed (only space between)."""
        return (before.close_at is not None and f.intro is not None and before.close_at < f.intro[0]
                and not self.text[before.close_at + 1:f.intro[0]].strip())

    def _actor_before(self, f: Found, attributor: Attributor) -> Speaker | None:
        assert f.open_at is not None
        if self._closes_previous(f):
            return None
        if f.intro and self.text[f.intro[0]:f.intro[1]].strip():
            start = f.intro[0]
        else:
            found = self._previous_sentence_start(f.open_at)
            if found is None:
                return None
            start = found
        before = f.previous
        if before is not None and before.close_at is not None and before.close_at >= start:
            start = before.close_at + 1
        if not self.text[start:f.open_at].strip():
            return None
        return attributor.actor_in(start, f.open_at)

    def _previous_sentence_start(self, offset: int) -> int | None:
        """Where the sentence before the one holding ``offset`` starts (None in the first sentence)."""
        index = self.sentences.index_at(offset)
        return self.sentences.spans[index - 1].start_char if index else None

    def _actor_after(self, f: Found, attributor: Attributor) -> Speaker | None:
        """The person the narration starting right after the quotation is about, when a new sentence starts there."""
        assert f.close_at is not None or f.end
        after = self._after(f, self._next_open(f))
        if not self._ends_turn(f, after) or not self.text[after[0]:after[1]].strip():
            return None
        return attributor.actor_in(*after)

    def _beat_before(self, f: Found, attributor: Attributor) -> Speaker | None:
        """A sentence right before the words that names who speaks: Anna sighed. "Then we walk." """
        assert f.open_at is not None
        if self.text[f.intro[0]:f.intro[1]].strip() if f.intro else False:
            return None
        found = self._previous_sentence_start(f.open_at)
        if found is None:
            return None
        start = found
        prev = self._last_line
        if prev is not None and prev.close_at is not None and prev.close_at >= start:
            if prev.attributed_after:
                return None
            start = prev.close_at + 1
        if not 0 < f.open_at - start <= AFTER_WINDOW:
            return None
        return attributor.speaker_in(start, f.open_at)


    def _ends_turn(self, f: Found, after: tuple[int, int]) -> bool:
        """The quotation ends a sentence and the narration after it starts a new one (``"No." Anna sighed.``)."""
        inner = self.text[f.start:f.end].rstrip("'\"’” ")
        follow = self.text[after[0]:after[1]].lstrip(" '\"’”")
        return inner[-1:] in (".", "!", "?", "…") and follow[:1].isupper()

    # -- all together ---------------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        found = self.detect()
        self.classify(found)
        found.extend(self.elided_phrases(found))
        _link(found)
        self._last_line = None
        self.attribute(found)
        quotes = []
        for n, f in enumerate(found, start=1):
            speaker = f.speaker or Speaker(None, None)
            quotes.append(Quote(
                id=f"q{n}", start=f.start, end=f.end, kind=cast(QuoteKind, f.kind), speaker=speaker.entity,
                speaker_mention=Span(start=speaker.mention[0], end=speaker.mention[1]) if speaker.mention else None,
                source=f.source,
            ))
        return quotes


def find_quotes(story: Story, ctx: Context) -> list[Quote]:
    """Every quotation of the story, in text order, with its kind, speaker and source."""
    if ctx.doc is None or not story.text.strip():
        return []
    return QuoteFinder(story, ctx, lexicon()).run()
