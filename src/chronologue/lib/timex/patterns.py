"""Compiles the rules of time_patterns.toml into one regular expression (one alternative per rule).

Sub-patterns (`{month}`, `{partp}`, ...) are expanded, plain spaces become ``\\s+``, and each rule's named
groups are renamed ``r<i>_<name>`` so that all rules live in one alternation; ``Match.lastgroup`` names the
rule that matched. Rules are tried in file order at each position.

Speed: most tries fail, and a failed try of one big alternation costs a try of every rule; compiling it costs
about a second. So each rule is compiled on its own, the first time a try needs it, and a try at a position
only runs the rules that can begin with the character there (``first_chars``, read from the rule's pattern
with each word table standing for its words' first letters), in file order: the same first match as the
alternation, found without the rules that cannot start there. At a word (ASCII letters and digits and the
character after them) the rules are narrowed further to those that can go on with the character that follows the word
(``regex_starts.Continuations``): the many rules that begin with an optional "the" are not tried at every "the".
Expanding the rules, reading where each may begin and compiling their regexes cost a first document about 0.2 s:
the install writes that plan ahead of time (:func:`prebuild`, one of the tables of ``chronologue.lib.prebuilt``,
used while the packaged files and this code are as it was built from): the packaged rules' patterns, sketches and
first characters, the regex engine's programs of their regexes (``lib.regex_programs``), and the rules that may
begin with each of the words matches are most often tried at (``_starts``).
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from chronologue.data import DATA_DIR
from chronologue.errors import ChronologueError
from chronologue.lib import prebuilt, regex_programs, regex_starts
from chronologue.lib.regex_programs import Program
from chronologue.lib.regex_starts import DIGIT, Continuations, first_chars, guarded, parse
from chronologue.lib.timex import resources
from chronologue.lib.timex.resources import EventAnchor, anchors_env_key, load_anchors, raw_words, rules

__all__ = ["Compiled", "compiled", "expand", "first_chars", "rule_regex"]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_GROUP = re.compile(r"\(\?P<([a-z_0-9]+)>")


@dataclass(frozen=True)
class Rule:
    """One rule of the data file, compiled into the big alternation as group ``key``."""

    key: str
    name: str
    kind: str
    type: str
    groups: tuple[str, ...]
    spec: dict[str, Any]


Negatives = tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]  # (gate on the candidate, rule)
Starts = tuple[tuple[int, frozenset[str] | None], ...]  # rules that may begin with a word, what may follow it


# a match starts after no word character, apostrophe or hyphen, but a number may follow a hyphen after a
# letter or a day's number ("14 August-24 August", "12-14 July"; not "Bild 137-1020-10", an archive number)
START = r"(?:(?<![\w'’-])|(?:(?<=[^\W\d]-)|(?<=\D\d-)|(?<=\D\d\d-))(?=\d))"
_START = re.compile(START)
# a word of ASCII letters and digits and the (ASCII) character after it
_WORD = re.compile(r"[A-Za-z0-9]+[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # a word of a table, as _WORD reads it in a text (lower case)
# a word's digits after its first character stand for any digit: "1941 " and "1812 " are tried alike, "1###"
_SHAPE = str.maketrans(dict.fromkeys("0123456789", DIGIT))


@dataclass(frozen=True)
class Compiled:
    """The rules, each compiled when first needed; ``match`` is the big alternation's match at a position."""

    alternatives: tuple[str, ...]  # one pattern per rule, "(?P<r<i>>...)", in file order
    sketches: tuple[str, ...]  # each rule's pattern with its word tables sketched (see _sketch)
    rules: dict[str, Rule]
    negatives: Negatives
    event_names: dict[str, tuple[EventAnchor, ...]]
    by_first: dict[str, tuple[int, ...]]  # an ASCII character -> the rules that may begin with it
    any_first: tuple[int, ...]  # the rules that may begin with any character
    # when prebuilt: each alternative's regex as a program, and the tagger's trigger regex by its pattern
    programs: dict[str, Program] = field(default_factory=dict)
    starts: dict[str, Starts] = field(default_factory=dict)  # prebuilt: see _starts
    tries: dict[str, tuple[Callable[..., re.Match[str] | None], ...]] = field(default_factory=dict)
    word_tries: dict[tuple[str, str], tuple[Callable[..., re.Match[str] | None], ...]] = field(default_factory=dict)
    continuations: dict[int, Continuations] = field(default_factory=dict)

    @property
    def regex(self) -> re.Pattern[str]:
        """All rules in one alternation (for tests and searches over a whole text)."""
        return re.compile(START + r"(?:" + "|".join(self.alternatives) + r")(?![\w])", re.IGNORECASE)

    def _tries(self, ch: str) -> tuple[Callable[..., re.Match[str] | None], ...]:
        """The match methods of the rules that may begin with ``ch``, in file order (compiled at first need)."""
        found = self.tries.get(ch)
        if found is None:
            order = self.by_first.get(ch, self.any_first) if ch.isascii() else range(len(self.alternatives))
            found = self.tries[ch] = tuple(self._compile(i).match for i in order)
        return found

    def _word_tries(self, word: str, following: str) -> tuple[Callable[..., re.Match[str] | None], ...]:
        """The match methods of the rules that may begin with ``word`` (ASCII letters and digits, lower case, its
        digits after the first ``DIGIT``, and one more ASCII character) and go on with ``following`` (an ASCII
        character), in file order."""
        key = (word, following)
        found = self.word_tries.get(key)
        if found is None:
            starts = self.starts.get(word)
            if starts is None:
                order = self.by_first.get(word[0], self.any_first)
                starts = tuple((i, self._continuations(i).after(word)) for i in order)
            kept = [i for i, after in starts if after is None or following in after]
            found = self.word_tries[key] = tuple(self._compile(i).match for i in kept)
        return found

    def _continuations(self, i: int) -> Continuations:
        found = self.continuations.get(i)
        if found is None:
            found = self.continuations[i] = Continuations(parse(self.sketches[i]))
        return found

    def _compile(self, i: int) -> re.Pattern[str]:
        alternative = self.alternatives[i]
        program = self.programs.get(alternative)
        if program is not None:
            return program_regex(program)
        try:
            return _rule_regex(alternative)
        except re.error as exc:
            raise self._error(i, exc) from exc

    def _error(self, i: int, exc: re.error) -> ChronologueError:
        return ChronologueError(
            "E412",
            f"time_patterns.toml: rule {self.rules[f'r{i}'].name!r} cannot be compiled: {exc}",
            "fix the rule's pattern (a look-behind needs a fixed width: one (?<=...) per alternative)",
        )

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """The first rule (in file order) that matches at ``pos``, as the big alternation would find it."""
        if not _START.match(text, pos):
            return None
        word = _WORD.match(text, pos)
        if word is not None and word.end() < len(text) and text[word.end()].isascii():
            lower = word.group().lower()
            tries = self._word_tries(lower[0] + lower[1:].translate(_SHAPE), text[word.end()])
        else:
            tries = self._tries(text[pos : pos + 1])
        for try_rule in tries:
            found = try_rule(text, pos)
            if found is not None:
                return found
        return None


@lru_cache(maxsize=1024)
def _rule_regex(alternative: str) -> re.Pattern[str]:
    return re.compile(_rule_pattern(alternative), re.IGNORECASE)


def _rule_pattern(alternative: str) -> str:
    return r"(?:" + alternative + r")(?![\w])"


@lru_cache(maxsize=1024)
def program_regex(program: Program) -> re.Pattern[str]:
    """The regex of a prebuilt program (compiled once per process)."""
    return program.compile()


SKETCH_DEPTH = 6  # characters of a table's words a sketch keeps ("the en" of "the end of")
_CUT = "\0"  # in a trie: the word goes on (with anything, in a sketch)


def _sketch(words: list[str]) -> str:
    """A word table as a pattern of its words' first characters, anything after them: enough to know how a
    match may begin, and quick to read (it matches more than the table, never less)."""
    return _trie_of(tuple({w if len(w) <= SKETCH_DEPTH else w[:SKETCH_DEPTH] + _CUT for w in words if w}))


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words as a trie (shared prefixes factored out, so the regex engine
    tries few branches); longer words win over their prefixes."""
    return _trie_of(tuple(words))


@lru_cache(maxsize=256)  # each table is put in many rules
def _trie_of(words: tuple[str, ...]) -> str:
    trie: dict[str, dict] = {}
    for w in {w for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    end = "" in node
    branches = [_char(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def _char(ch: str) -> str:
    return " " if ch == " " else "(?s:.)*" if ch == _CUT else re.escape(ch)


def expand(
    pattern: str, subs: dict[str, str], words: dict[str, list[str]], depth: int = 0, raw: bool = False
) -> str:
    """Expands ``{name}`` placeholders (sub-patterns first, then word tables); spaces become ``\\s+``. With
    ``raw`` a word table's one entry is a pattern put in as it is."""

    def repl(m: re.Match[str]) -> str:
        name = m[1]
        if name in subs:
            return "(?:" + expand(subs[name], subs, words, depth + 1, raw) + ")"
        if name in words:
            return "(?:" + (words[name][0] if raw else _alternation(words[name])) + ")"
        raise KeyError(f"time_patterns.toml: unknown placeholder {{{name}}} in {pattern!r}")

    if depth > 10:
        raise ValueError("time_patterns.toml: sub-patterns nest too deeply (a cycle?)")
    text = _PLACEHOLDER.sub(repl, pattern)
    return text if depth else _spaces(text.replace("[ ]+", " "))


def _spaces(text: str) -> str:
    """Plain spaces become ``\\s+``, except inside look-behinds (which need a fixed width: ``\\s``)."""
    out, stack, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            out.append(text[i : i + 2])
            i += 2
            continue
        if ch == "(":
            stack.append(text.startswith("(?<=", i) or text.startswith("(?<!", i))
        elif ch == ")" and stack:
            stack.pop()
        if ch == " ":
            out.append(r"\s" if any(stack) else r"\s+")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _event_words(anchors: tuple[EventAnchor, ...]) -> dict[str, tuple[EventAnchor, ...]]:
    from chronologue.lib.timex.resources import lookup_key

    index: dict[str, list[EventAnchor]] = {}
    for anchor in anchors:
        for name in anchor.names + anchor.generic:
            index.setdefault(lookup_key(name), []).append(anchor)
    return {k: tuple(v) for k, v in index.items()}


@dataclass(frozen=True)
class _Plan:
    """What the rules compile to: each rule's pattern and sketch, where each may begin, and the negative rules;
    written ahead of time for the packaged rules (:func:`prebuild`) with the programs of the rules' regexes."""

    alternatives: tuple[str, ...]
    sketches: tuple[str, ...]
    rules: dict[str, Rule]
    negatives: Negatives
    by_first: dict[str, tuple[int, ...]]
    any_first: tuple[int, ...]
    programs: dict[str, Program] = field(default_factory=dict)
    starts: dict[str, Starts] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with the negative rules as programs (a pickled regex is compiled again when read)."""
        negatives = tuple(
            (Program.of(gate.pattern, gate.flags) if gate is not None else None, Program.of(rule.pattern, rule.flags))
            for gate, rule in self.negatives
        )
        return _restored, (self.alternatives, self.sketches, self.rules, negatives, self.by_first, self.any_first,
                           self.programs, self.starts)


def _restored(alternatives: tuple[str, ...], sketches: tuple[str, ...], rules: dict[str, Rule],
              negatives: tuple[tuple[Program | None, Program], ...], by_first: dict[str, tuple[int, ...]],
              any_first: tuple[int, ...], programs: dict[str, Program],
              starts: dict[str, Starts]) -> _Plan:
    compiled = tuple((gate.compile() if gate is not None else None, rule.compile()) for gate, rule in negatives)
    return _Plan(alternatives, sketches, rules, compiled, by_first, any_first, programs, starts)


DIGIT_SHAPES = tuple(  # the numbers a text writes most: 1941, 1940s, 12th, 3rd ...
    first + DIGIT * n + suffix
    for first in "0123456789" for n in range(4) for suffix in ("", "s", "th", "st", "nd", "rd", "am", "pm", "bc", "ad")
)
SEPARATORS = " \n,.;:-)('\"/!?"  # the characters after a word most often


def _starts(plan: _Plan, words: set[str]) -> dict[str, Starts]:
    """For each word a match is most often tried at (``tagger``'s starter and trigger words and the commonest
    numbers, each with a separator after it, as ``Compiled.match`` reads them), the rules that may begin with it
    and what each may go on with: ``Continuations`` answers worked out ahead (a rule that cannot begin so left out).
    """
    found = (_ASCII_WORD.match(word) for word in words)
    shaped = {m[0][0] + m[0][1:].translate(_SHAPE) for m in found if m is not None} | set(DIGIT_SHAPES)
    continuations = [Continuations(parse(sketch)) for sketch in plan.sketches]
    same: dict[frozenset[str], frozenset[str]] = {}  # one object per answer: a smaller table, read faster
    starts = {}
    for word in sorted(w + sep for w in shaped for sep in SEPARATORS):
        after = ((i, continuations[i].after(word)) for i in plan.by_first.get(word[0], plan.any_first))
        kept = ((i, chars) for i, chars in after if chars is None or chars)
        starts[word] = tuple((i, chars and same.setdefault(chars, chars)) for i, chars in kept)
    return starts


def _programs(alternatives: tuple[str, ...]) -> dict[str, Program]:
    """The program of each rule's regex (none when one cannot compile: its error is raised when it is tried)."""
    try:
        return {a: Program.of(_rule_pattern(a), re.IGNORECASE) for a in alternatives}
    except re.error:
        return {}


def _plan(anchors: tuple[EventAnchor, ...]) -> _Plan:
    data = rules()
    words = dict(raw_words())
    words["event"] = [name for a in anchors for name in a.names + a.generic]
    subs = dict(data.get("sub", {}))
    sketched = {name: [_sketch(ws)] for name, ws in words.items()}
    alternatives, table, sketches = [], {}, []
    for i, spec in enumerate(data.get("rule", [])):
        key = f"r{i}"
        body = expand(spec["pattern"], subs, words)
        sketches.append(expand(spec["pattern"], subs, sketched, raw=True))
        names = tuple(dict.fromkeys(_GROUP.findall(body)))
        prefix = f"(?P<{key}_"
        body = _GROUP.sub(lambda m: f"{prefix}{m[1]}>", body)  # noqa: B023 - used at once, in this turn
        alternatives.append(f"(?P<{key}>{body})")
        table[key] = Rule(key, spec["name"], spec["kind"], spec.get("type", "DATE"), names, spec)
    firsts = [first_chars(sketch) for sketch in sketches]
    any_first = tuple(i for i, f in enumerate(firsts) if f is None)
    by_first = {ch: tuple(i for i, f in enumerate(firsts) if f is None or ch in f) for ch in map(chr, range(128))}
    negatives = tuple(
        (re.compile(n["when"]) if n.get("when") else None, guarded(re.compile(expand(n["pattern"], subs, words), re.I)))
        for n in data.get("negative", [])
    )
    return _Plan(tuple(alternatives), tuple(sketches), table, negatives, by_first, any_first)


PREBUILT_LAYOUT = 1  # of the prebuilt plan: one pickle of the _Plan of the packaged rules
PREBUILT_FILE = "plan.pickle"


def _prebuilt_sources() -> list[Path]:
    """What the plan of the packaged rules depends on: the rule files and the code that expands, reads and compiles
    them (the tagger's for its trigger words)."""
    from chronologue.lib.timex import tagger

    files = ("time_patterns.toml", "time_vocab.toml", "time_holidays.toml", "event_anchors.toml")
    code = (__file__, regex_starts.__file__, regex_programs.__file__, resources.__file__, tagger.__file__)
    return [*(DATA_DIR / name for name in files), *(Path(str(path)) for path in code)]


def _packaged_plan() -> _Plan | None:
    """The prebuilt plan when it is current and the packaged rules are the ones in force (no user anchor files nor
    rule directories), else None."""
    if anchors_env_key() != ("",):
        return None
    folder = prebuilt.find("timex", _prebuilt_sources(), PREBUILT_LAYOUT)
    if folder is None:
        return None
    with open(folder / PREBUILT_FILE, "rb") as handle:
        plan: _Plan | None = pickle.load(handle)
    return plan


def prebuild() -> Path:
    """Write the plan of the packaged rules, for :mod:`chronologue.lib.prebuilt`."""

    def write(folder: Path) -> None:
        packaged = anchors_env_key() == ("",)  # else the user's rules are in force: no plan of the packaged ones
        plan = _plan(load_anchors()) if packaged else None
        if plan is not None:
            from chronologue.lib.timex.tagger import starter_words, trigger_pattern, trigger_regex, trigger_words

            triggers = trigger_words((), anchors_env_key())
            words = set(starter_words((), anchors_env_key())) | set(triggers)
            found = trigger_regex(triggers)  # the tagger's scan for trigger words, kept by the pattern it is made from
            programs = _programs(plan.alternatives)
            programs[trigger_pattern(triggers)] = Program.of(found.pattern, found.flags)
            plan = replace(plan, programs=programs, starts=_starts(plan, words))
        with open(folder / PREBUILT_FILE, "wb") as handle:
            pickle.dump(plan, handle, protocol=pickle.HIGHEST_PROTOCOL)

    compiled.cache_clear()
    return prebuilt.build("timex", _prebuilt_sources(), PREBUILT_LAYOUT, write)


@lru_cache(maxsize=8)
def compiled(extra_anchors: tuple[str, ...] = (), env_key: tuple[str, ...] = ()) -> Compiled:
    """The rules ready to match (cached per set of event anchor files)."""
    anchors = load_anchors(extra_anchors)
    plan = (_packaged_plan() if not extra_anchors else None) or _plan(anchors)
    return Compiled(plan.alternatives, plan.sketches, plan.rules, plan.negatives, _event_words(anchors),
                    plan.by_first, plan.any_first, plan.programs, plan.starts)


def rule_regex(name: str) -> re.Pattern[str]:
    """One rule compiled on its own (for tests and for checking a rule's example)."""
    data = rules()
    words = dict(raw_words())
    anchors = load_anchors()
    words["event"] = [n for a in anchors for n in a.names + a.generic]
    subs = dict(data.get("sub", {}))
    for spec in data.get("rule", []) + data.get("negative", []):
        if spec["name"] == name:
            return re.compile(expand(spec["pattern"], subs, words), re.IGNORECASE)
    raise KeyError(name)
