"""One bad document never takes good ones down (issue 18): every failure a document can cause becomes that
document's one line, the others are analysed and written, and exit 1 names the failed."""

from __future__ import annotations

import json

import pytest

SENTENCE = "The men walked along the river bank in the autumn of 1941. "


@pytest.fixture
def small_parse_limits(monkeypatch):
    """spaCy's length limit (5,000,000) cut to 5,000 and the parse windows to match, so that the 5,900-character
    line returned stands for a text past 5,000,000 characters: longer than one parse may be (spaCy's E088)."""
    from chronologue import nlp
    from chronologue.pipeline import windows

    monkeypatch.setattr(nlp.load(), "max_length", 5_000)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 1_000)
    monkeypatch.setattr(windows, "BATCH_CHARS", 2_000)
    return SENTENCE * 100


def bad_and_good(work, long_line):
    """Six files a hostile folder holds, and two good ones."""
    files = {
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "empty.txt": b"",
        "latin1.txt": "Zamo\u015b\u0107 w czasie wojny, pisa\u0142 \u017co\u0142nierz".encode("cp1250"),
        "number.txt": ("There were " + "9" * 309 + " men in the valley in 1941.").encode(),
        "control.html": b"<p>Jan Nowak was born in 1921.<script></script>\x08 He died in 1990.</p>",
        "huge.txt": long_line.encode(),
        "good.txt": (work / "a.txt").read_bytes(),
        "other.txt": b"In 1944 the family left Lwow for Krakow by train.\n",
    }
    for name, data in files.items():
        (work / name).write_bytes(data)
    return list(files)


def test_bad_documents_fail_alone_each_with_its_own_error(work, cli, small_parse_limits):
    names = bad_and_good(work, small_parse_limits)
    ran = cli("analyze", *names, "-o", "out/")
    assert ran.exit_code == 1
    assert ran.error_lines == [
        "error: binary.txt: is a binary file, not text (give a .txt, .html or .md document)",
        "error: empty.txt: is empty (give a document with text in it)",
        "error: latin1.txt: is not UTF-8 (invalid byte 0x9c at offset 4) (convert it first, e.g. iconv -f latin1 "
        "-t utf-8)",
        "3 of 8 documents failed: binary.txt, empty.txt, latin1.txt",
    ]
    written = sorted(p.name for p in (work / "out").iterdir())
    assert written == ["control.json", "good.json", "huge.json", "number.json", "other.json"]
    control = json.loads((work / "out" / "control.json").read_text(encoding="utf-8"))
    assert control["text"] == "Jan Nowak was born in 1921. He died in 1990."
    huge = json.loads((work / "out" / "huge.json").read_text(encoding="utf-8"))
    assert len(huge["timexes"]) == 100


def test_good_huge_other_writes_all_three(work, cli, small_parse_limits):
    (work / "good.txt").write_bytes((work / "a.txt").read_bytes())
    (work / "huge.txt").write_text(small_parse_limits, encoding="utf-8")
    (work / "other.txt").write_text("In 1944 the family left Lwow for Krakow by train.\n", encoding="utf-8")
    ran = cli("analyze", "good.txt", "huge.txt", "other.txt", "-o", "dir/")
    assert ran.exit_code == 0, ran.stderr
    assert sorted(p.name for p in (work / "dir").iterdir()) == ["good.json", "huge.json", "other.json"]


def test_a_failing_parse_fails_only_its_document(work, cli, monkeypatch):
    from chronologue import nlp

    real = nlp.load()

    class Flaky:
        """The loaded pipeline, whose parse of one document fails (batched or alone)."""

        def pipe(self, docs, **kwargs):
            for doc in real.pipe(docs, **kwargs):
                self(doc)
                yield doc

        def __getattr__(self, name):
            return getattr(real, name)

        def __call__(self, doc):
            if "Lida" in doc.text:
                raise RuntimeError("parser\nfailed")
            return real(doc)

    monkeypatch.setattr(nlp, "load", lambda: Flaky())
    (work / "other.txt").write_text("In 1944 the family left Lwow for Krakow by train.\n", encoding="utf-8")
    ran = cli("analyze", "a.txt", "other.txt", "-o", "out/")
    assert ran.exit_code == 1
    assert ran.error_lines == [
        "error: a.txt: analysis failed (RuntimeError: parser failed); this is a bug in chronologue, please report "
        "it with the document",
        "1 of 2 documents failed: a.txt",
    ]
    assert [p.name for p in (work / "out").iterdir()] == ["other.json"]


def test_a_crashing_reader_fails_only_its_document(work, cli, monkeypatch):
    from chronologue.read import html

    def broken(raw, path=None):
        raise ValueError("reader broke")

    monkeypatch.setattr(html, "read_html", broken)
    ran = cli("analyze", "a.txt", "b.html", "-o", "out/")
    assert ran.exit_code == 1
    assert ran.error_lines[0].startswith("error: b.html: analysis failed (ValueError: reader broke)")
    assert [p.name for p in (work / "out").iterdir()] == ["a.json"]


def test_the_api_reads_a_text_longer_than_one_parse(small_parse_limits):
    import chronologue

    story = chronologue.analyze(small_parse_limits)
    assert story.text == small_parse_limits
    assert len(story.timexes) == 100


def test_a_huge_number_is_no_claim_and_no_crash():
    import chronologue

    story = chronologue.analyze("There were " + "9" * 309 + " men. Later 40 of them came back.")
    assert [c.value for c in story.claims] == [40]


def test_a_fifo_or_device_as_input_fails_alone_without_blocking(work, cli):
    import os

    os.mkfifo(work / "pipe.txt")
    ran = cli("analyze", "pipe.txt", "/dev/zero", "a.txt", "-o", "out/")
    assert ran.exit_code == 1
    assert ran.error_lines == [
        "error: pipe.txt: is not a regular file (a FIFO, socket or device) (save the text to a file first)",
        "error: /dev/zero: is not a regular file (a FIFO, socket or device) (save the text to a file first)",
        "2 of 3 documents failed: pipe.txt, /dev/zero",
    ]
    assert [p.name for p in (work / "out").iterdir()] == ["a.json"]
