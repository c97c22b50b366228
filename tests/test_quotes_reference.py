"""The quotes of the reference article, checked against its gold annotation the way the scorer does."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _span(text: str, first: str, last: str) -> tuple[int, int]:
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _best(story, span):
    return max(story.quotes, key=lambda q: (_overlap((q.start, q.end), span), q.start - q.end))


def test_every_gold_quote_is_found_tightly(reference_story, reference_gold) -> None:
    text = reference_story.text
    for gold in reference_gold["quotes"]:
        span = _span(text, gold["first"], gold["last"])
        best = _best(reference_story, span)
        assert _overlap((best.start, best.end), span) >= 0.5 * (span[1] - span[0]), gold["first"]
        assert best.end - best.start <= 1.5 * (span[1] - span[0]) + 40, gold["first"]
        assert best.kind == gold["kind"] or {best.kind, gold["kind"]} <= {"speech", "writing"}, gold["first"]


def test_gold_speakers(reference_story, reference_gold) -> None:
    text = reference_story.text
    names = {e["name"]: e["must_include"] for e in reference_gold["entities"]}
    for gold in reference_gold["quotes"]:
        best = _best(reference_story, _span(text, gold["first"], gold["last"]))
        if gold.get("speaker"):
            entity = reference_story.entity(best.speaker)
            assert entity is not None, gold["first"]
            texts = {entity.name, *entity.aliases, *(text[m.start:m.end] for m in entity.mentions)}
            assert any(names[gold["speaker"]][0].split()[-1] in t for t in texts), gold["first"]
        elif gold.get("speaker_text"):
            mention = best.speaker_mention
            assert best.speaker is None
            assert text[mention.start:mention.end] == gold["speaker_text"]


def test_scare_quotes_are_not_speech(reference_story, reference_gold) -> None:
    text = reference_story.text
    for words in reference_gold["not_speech"]:
        start = text.index(words)
        span = (start, start + len(words))
        touching = [q for q in reference_story.quotes if _overlap((q.start, q.end), span)]
        tight = [q for q in touching if q.end - q.start <= len(words) + 8]
        assert tight and all(q.kind in ("scare", "title") for q in tight), words
