"""Compiles the rules of time_patterns.toml into one regular expression (one alternative per rule).

Sub-patterns (`{month}`, `{partp}`, ...) are expanded, plain spaces become ``\\s+``, and each rule's named
groups are renamed ``r<i>_<name>`` so that all rules live in one alternation; ``Match.lastgroup`` names the
rule that matched. Rules are tried in file order at each position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chronologue.lib.timex.resources import EventAnchor, load_anchors, raw_words, rules

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


@dataclass(frozen=True)
class Compiled:
    regex: re.Pattern[str]
    rules: dict[str, Rule]
    negatives: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]  # (gate on the candidate, rule)
    event_names: dict[str, tuple[EventAnchor, ...]]


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words as a trie (shared prefixes factored out, so the regex engine
    tries few branches); longer words win over their prefixes."""
    trie: dict[str, dict] = {}
    for w in {w for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    end = "" in node
    branches = [(" " if ch == " " else re.escape(ch)) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def expand(pattern: str, subs: dict[str, str], words: dict[str, list[str]], depth: int = 0) -> str:
    """Expands ``{name}`` placeholders (sub-patterns first, then word tables); spaces become ``\\s+``."""

    def repl(m: re.Match[str]) -> str:
        name = m[1]
        if name in subs:
            return "(?:" + expand(subs[name], subs, words, depth + 1) + ")"
        if name in words:
            return "(?:" + _alternation(words[name]) + ")"
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


@lru_cache(maxsize=8)
def compiled(extra_anchors: tuple[str, ...] = (), env_key: tuple[str, ...] = ()) -> Compiled:
    """The big alternation of all rules (cached per set of event anchor files)."""
    data = rules()
    anchors = load_anchors(extra_anchors)
    words = dict(raw_words())
    events = _event_words(anchors)
    words["event"] = [name for a in anchors for name in a.names + a.generic]
    subs = dict(data.get("sub", {}))
    alternatives, table = [], {}
    for i, spec in enumerate(data.get("rule", [])):
        key = f"r{i}"
        body = expand(spec["pattern"], subs, words)
        names = tuple(dict.fromkeys(_GROUP.findall(body)))
        body = _GROUP.sub(lambda m, k=key: f"(?P<{k}_{m[1]}>", body)
        alternatives.append(f"(?P<{key}>{body})")
        table[key] = Rule(key, spec["name"], spec["kind"], spec.get("type", "DATE"), names, spec)
    # a match starts after no word character, apostrophe or hyphen, but a number may follow a hyphen after a word
    # ("14 August-24 August")
    start = r"(?:(?<![\w'’-])|(?<=\w-)(?=\d))"
    regex = re.compile(start + r"(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)
    negatives = tuple(
        (re.compile(n["when"]) if n.get("when") else None, re.compile(expand(n["pattern"], subs, words), re.I))
        for n in data.get("negative", [])
    )
    return Compiled(regex, table, negatives, events)


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
