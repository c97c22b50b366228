"""Long documents are parsed in windows of whole blocks and joined into one parse of the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue.pipeline import windows
from chronologue.read import read_document, read_path

DATA = Path(__file__).parent / "data"
NOVELS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "data" / "pdnc-dev"


def _genre_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((DATA / "genre").glob("*.txt")))


def test_an_article_is_one_window(reference_path):
    document = read_path(reference_path)
    assert windows.window_spans(document.text, document.blocks) == [(0, len(document.text))]


def test_windows_cover_the_text_and_start_where_blocks_start():
    document = read_document(_genre_text(), "text")
    spans = windows.window_spans(document.text, document.blocks, limit=3000)
    assert spans[0][0] == 0 and spans[-1][1] == len(document.text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(end - start <= 3000 for start, end in spans)
    starts = {block.start for block in document.blocks}
    assert all(start in starts for start, _ in spans[1:])


def test_a_block_longer_than_a_window_is_cut_after_a_sentence():
    text = "The ferry crossed the river at dawn. " * 200  # one block of 7,400 characters
    spans = windows.window_spans(text, read_document(text, "text").blocks, limit=1000)
    assert [end - start for start, end in spans[:2]] == [999, 999]
    assert all(text[start:].startswith("The ferry") for start, _ in spans)


def test_short_documents_share_a_batch_and_a_long_ones_windows_go_alone(monkeypatch):
    """What nlp.pipe is given: whole documents together up to BATCH_CHARS; each window of a long one alone."""
    from chronologue import nlp

    monkeypatch.setattr(windows, "WINDOW_CHARS", 3000)
    monkeypatch.setattr(windows, "BATCH_CHARS", 5000)
    long_one = read_document(_genre_text(), "text")
    short = [read_document(f"Anna crossed the river in {1900 + n}. " * 30, "text") for n in range(5)]  # 960 each
    batches: list[list[int]] = []
    pipe = nlp.load().pipe

    def recording(docs, batch_size):  # noqa: ANN001, ANN202 - stands in for spaCy's Language.pipe
        given = list(docs)
        batches.append([len(doc.text) for doc in given])
        return pipe(given, batch_size=batch_size)

    monkeypatch.setattr(nlp.load(), "pipe", recording)
    parsed = list(windows.parse_documents([short[0], short[1], long_one, *short[2:]]))
    spans = windows.window_spans(long_one.text, long_one.blocks)
    assert [doc.text for doc in parsed] == [d.text for d in (short[0], short[1], long_one, *short[2:])]
    assert batches == [[960, 960], *([end - start] for start, end in spans), [960, 960, 960]]


def test_the_joined_parse_is_one_doc_of_the_whole_text(monkeypatch):
    document = read_document(_genre_text(), "text")
    monkeypatch.setattr(windows, "WINDOW_CHARS", 3000)
    told: list[tuple[int, int]] = []
    doc = next(windows.parse_documents([document], lambda _d, done, total: told.append((done, total))))
    spans = windows.window_spans(document.text, document.blocks)
    assert doc.text == document.text
    assert told == [(n, len(spans)) for n in range(1, len(spans) + 1)]
    firsts = {token.idx for token in doc if token.is_sent_start}
    assert {start for start, _ in spans} <= firsts  # a window starts a sentence, as its block does
    assert all(token.head.i != token.i or token.dep_ == "ROOT" for token in doc)
    assert {(e.start_char, e.text) for e in doc.ents if e.start_char > 3000}  # entities past the first window


def test_windowed_analysis_finds_the_people_of_the_whole_document(monkeypatch, reference_story, reference_path):
    """Windows of 2,000 characters (five for the reference article) find the same people as one parse."""
    from chronologue import analyze_file

    monkeypatch.setattr(windows, "WINDOW_CHARS", 2000)
    windowed = analyze_file(reference_path)
    people = {e.name for e in reference_story.entities if e.type == "PERSON"}
    assert windowed.text == reference_story.text
    assert {e.name for e in windowed.entities if e.type == "PERSON"} == people


@pytest.mark.slow
def test_a_three_megabyte_book_completes():
    """A 3 MB text (PDNC novels joined, built here, never shipped) is analysed: no max_length error."""
    from chronologue import analyze

    novels = sorted(NOVELS.glob("*/novel_text.txt"))
    if not novels:
        pytest.skip("../shared/eval/data/pdnc-dev is not beside the project")
    parts, size = [], 0
    for path in novels:
        parts.append(path.read_text(encoding="utf-8").strip())
        size += len(parts[-1])
        if size >= 3_000_000:
            break
    text = "\n\n".join(parts)[:3_000_000]
    story = analyze(text)
    assert story.text == text
    assert max(m.end for e in story.entities for m in e.mentions) > 2_900_000
