"""Text-quality findings for editors of translations: misplaced spaces around punctuation, and unbalanced
brackets and quotation marks within a paragraph.

Each defect is its own finding (severity ``info``) with a tight span: for spacing the word before, the space
and the mark; for an unmatched opener the opener to the end of its sentence. The rules (marks, credit labels
such as ``source:``) live in ``data/findings_text.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from chronologue.lib.text import blank_line_spans
from chronologue.model.story import Finding, Span
from chronologue.rules import cached
from chronologue.rules import load as load_rules

_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|edu|gov|pl|de|ru|ua|uk|html?|php|jpe?g|png|pdf)\b", re.I)
_SENTENCE_END = re.compile(r"([.!?…])[\"'”’»)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.]*\w)\.?$")
_BRACKET_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPENERS = frozenset("([{")
_BRACKET = re.compile(r"[()\[\]{}]")
_CURLY = re.compile(r"[“”„«»]")
_STRAIGHT = re.compile(r'"')
_ENUMERATOR = re.compile(r"(?:^|\s)\w{1,2}\)$")


@dataclass(frozen=True)
class _Rules:
    space_before: re.Pattern[str]
    space_after: re.Pattern[str]
    colon_labels: frozenset[str]
    abbreviations: frozenset[str]


@cached
def _rules() -> _Rules:
    data = load_rules("findings_text")
    before = "".join(re.escape(m) for e in data["space_before"] for m in e["marks"])
    after = "".join(re.escape(m) for e in data["space_after"] for m in e["marks"])
    labels = frozenset(w.lower() for e in data["colon_labels"] for w in e["words"])
    abbreviations = frozenset(w.lower() for e in data["abbreviations"] for w in e["words"])
    # word, horizontal space, a mark that is not the start of an ellipsis; what is glued after the mark is
    # judged by _glued_word (a decimal or a domain, " .45", " .com", is no defect)
    space_before = re.compile(rf"(?<=\S)[ \t\u00a0]+(?=([{before}])(?![.…]))")
    # two letters, a mark, two letters (the words around it are read outwards from the mark)
    # a comma or semicolon glued to a one-letter word counts too ("languages,a little"); a full stop needs two
    # letters after it ("U.S.", "e.g.")
    space_after = re.compile(rf"(?<=[^\W\d_]{{2}})(?:([{after}])(?=[^\W\d_]{{2}})|([,;])(?=[^\W\d_]\b))")
    return _Rules(space_before, space_after, labels, abbreviations)


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _glued_word(text: str, at: int, mark: str) -> int | None:
    """Where the word glued right after a mark at ``at - 1`` ends (``at`` when no word is glued to it), or None
    when what is glued makes the mark no punctuation.

    After a sentence mark a new sentence begins with a capitalised word ("highlands .He"); after a comma or a
    semicolon any word goes on ("watch ,and"). Digits (" .45", " ,5") and lower-case or upper-case runs after a
    full stop or a colon (" .com", " .NET", " :ref") are no punctuation in prose, nor is a URL-like run.
    """
    end = at
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    word = text[at:end]
    if not word:
        return at
    prose = word.isalpha() and not _URLISH.search(_chunk_around(text, at, end))
    capitalised = prose and word[0].isupper() and len(word) > 1 and word[1:].islower()
    if mark in ".:":
        return end if capitalised else None
    if mark == ",":
        return end if prose else None
    return end if capitalised or (mark == ";" and prose) else at


def _chunk_around(text: str, start: int, end: int) -> str:
    """The run of non-space characters around ``start..end``."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def spacing(text: str) -> list[Finding]:
    """Space before punctuation (``paranoid .``) and no space after it (``died.The``), one finding each."""
    rules = _rules()
    findings: list[Finding] = []
    for match in rules.space_before.finditer(text):
        start = match.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        word = text[start : match.start()]
        if word[-1] in _OPENERS or word in ("…", "...") or word[-1] in "-–—":
            continue
        mark = match.group(1)
        end = _glued_word(text, match.end() + 1, mark)
        if end is None:
            continue
        glued = f" and none after it before '{text[match.end() + 1 : end]}'" if end > match.end() + 1 else ""
        findings.append(
            Finding(
                kind="spacing",
                severity="info",
                message=f"space before '{mark}' after '{word}'{glued}",
                spans=[Span(start=start, end=end)],
            )
        )
    for match in rules.space_after.finditer(text):
        mark = match.group(1) or match.group(2)
        lo, hi = match.start(), match.end()
        while lo > 0 and _is_letter(text[lo - 1]):
            lo -= 1
        while hi < len(text) and _is_letter(text[hi]):
            hi += 1
        if lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] == "_"):
            continue  # the word before is part of a longer token ("a1b.Cd")
        first, second = text[lo : match.start()], text[match.end() : hi]
        if mark == ":" and first.lower() in rules.colon_labels:
            continue  # "source:Bundesarchiv" is a credit form
        if mark == "." and not (second[0].isupper() and second[1:].islower()):
            continue  # "U.S.", "e.g.", "Node.js"
        if mark in "!?" and not second[0].isupper():
            continue
        if _URLISH.search(_chunk_around(text, lo, hi)):
            continue
        findings.append(
            Finding(
                kind="spacing",
                severity="info",
                message=f"no space after '{mark}' between '{first}' and '{second}'",
                spans=[Span(start=lo, end=hi)],
            )
        )
    findings.sort(key=lambda f: f.spans[0].start)
    return findings


@dataclass
class _ParagraphMarks:
    """Unmatched marks of one paragraph: offsets into the text."""

    start: int
    end: int
    brackets_open: list[int] = field(default_factory=list)
    brackets_close: list[int] = field(default_factory=list)
    quotes_open: list[int] = field(default_factory=list)
    quotes_close: list[int] = field(default_factory=list)
    starts_with_quote: bool = False


def _scan_brackets(text: str, marks: _ParagraphMarks) -> None:
    stack: list[int] = []
    for match in _BRACKET.finditer(text, marks.start, marks.end):
        pos, ch = match.start(), match.group()
        if ch in _OPENERS:
            stack.append(pos)
        elif ch in _BRACKET_PAIRS:
            if stack and text[stack[-1]] == _BRACKET_PAIRS[ch]:
                stack.pop()
            elif ch == ")" and (_ENUMERATOR.search(text[max(marks.start, pos - 4) : pos + 1]) or text[pos - 1] in ":;"):
                continue  # "a)", "2)" list markers and ":)" smileys
            else:
                marks.brackets_close.append(pos)
    marks.brackets_open.extend(stack)


def _scan_quotes(text: str, marks: _ParagraphMarks) -> None:
    segment = text[marks.start : marks.end]
    stack: list[tuple[int, str]] = []
    for match in _CURLY.finditer(segment):
        pos, ch = marks.start + match.start(), match.group()
        top = stack[-1][1] if stack else ""
        if ch == "„" or (ch == "“" and top != "„") or (ch == "«" and top != "»") or (ch == "»" and top != "«"):
            stack.append((pos, ch))
        elif ch in "“«»" or (ch == "”" and top in ("“", "„")):
            stack.pop()
        else:
            marks.quotes_close.append(pos)
    marks.quotes_open.extend(pos for pos, _ch in stack)
    straight = [marks.start + m.start() for m in _STRAIGHT.finditer(segment)]
    straight = [p for p in straight if not (p > 0 and text[p - 1].isdigit())]  # 12" is inches
    if len(straight) % 2:
        leftover = straight[-1]
        opens = leftover + 1 < len(text) and not text[leftover + 1].isspace() and (
            leftover == marks.start or text[leftover - 1].isspace()
        )
        (marks.quotes_open if opens else marks.quotes_close).append(leftover)
    marks.starts_with_quote = segment.lstrip()[:1] in ("“", "„", "«", "»", '"')


def _forgive_continued_quotes(paragraphs: list[_ParagraphMarks]) -> None:
    """A quotation may run over paragraphs: an opener left open is fine when the next paragraph opens again
    (the English convention) or closes it."""
    for this, nxt in zip(paragraphs, paragraphs[1:], strict=False):
        if not this.quotes_open:
            continue
        if nxt.starts_with_quote:
            this.quotes_open.clear()
        elif nxt.quotes_close:
            this.quotes_open.pop()
            nxt.quotes_close.pop(0)


def paragraph_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs to check: the layout's, or blocks split on blank lines when there are none."""
    return list(paragraphs) if paragraphs else blank_line_spans(text)


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    """Offsets just after each sentence-ending mark in ``text[lo:hi]`` (periods of abbreviations skipped)."""
    abbreviations = _rules().abbreviations
    ends: list[int] = []
    for match in _SENTENCE_END.finditer(text, lo, hi):
        if match.group(1) == ".":
            word = _WORD_BEFORE.search(text, max(lo, match.start() - 24), match.start())
            if word is not None and word.group(1).lower() in abbreviations:
                continue
        ends.append(match.end())
    return ends


def _opener_span(text: str, pos: int, paragraph_end: int) -> Span:
    """From an unmatched opener to the end of its sentence."""
    ends = _sentence_ends(text, pos + 1, paragraph_end)
    end = ends[0] if ends else paragraph_end
    while end > pos + 1 and text[end - 1].isspace():
        end -= 1
    return Span(start=pos, end=end)


def _closer_span(text: str, pos: int, paragraph_start: int) -> Span:
    """From the start of its sentence to an unmatched closer."""
    ends = _sentence_ends(text, paragraph_start, pos)
    start = ends[-1] if ends else paragraph_start
    while start < pos and text[start].isspace():
        start += 1
    return Span(start=start, end=pos + 1)


def unbalanced(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Finding]:
    """Unbalanced brackets and quotation marks within each paragraph, one finding per unmatched mark.

    A span runs from an unmatched opener to the end of its sentence, or from the start of its sentence to an
    unmatched closer.
    """
    scanned: list[_ParagraphMarks] = []
    for start, end in paragraph_spans(text, paragraphs):
        marks = _ParagraphMarks(start, end)
        _scan_brackets(text, marks)
        _scan_quotes(text, marks)
        scanned.append(marks)
    _forgive_continued_quotes(scanned)
    findings: list[Finding] = []
    for marks in scanned:
        for pos in marks.brackets_open + marks.quotes_open:
            what = "bracket" if text[pos] in _OPENERS else "quotation mark"
            findings.append(
                Finding(
                    kind="unbalanced_bracket",
                    severity="info",
                    message=f"opening {what} '{text[pos]}' is never closed in its paragraph",
                    spans=[_opener_span(text, pos, marks.end)],
                )
            )
        for pos in marks.brackets_close + marks.quotes_close:
            what = "bracket" if text[pos] in _BRACKET_PAIRS else "quotation mark"
            findings.append(
                Finding(
                    kind="unbalanced_bracket",
                    severity="info",
                    message=f"closing {what} '{text[pos]}' has no opening one in its paragraph",
                    spans=[_closer_span(text, pos, marks.start)],
                )
            )
    findings.sort(key=lambda f: f.spans[0].start)
    return findings
