"""Picture licences: raw text as printed -> SPDX id, from an alias table and a grammar of CC licence names.

``normalise("CC ASA 3.00")`` -> ``License(raw="CC ASA 3.00", spdx="CC-BY-SA-3.0")``; ``is_canonical`` tells
whether the raw text is written the way the licence names itself (``CC BY-SA 3.0``, ``CC-BY-SA-3.0``,
``public domain``), so that a garbled form can be reported.
"""

from __future__ import annotations

import re
from functools import cache

from anyascii import anyascii

from chronologue.model.story import License
from chronologue.rules import cached
from chronologue.rules import load as load_rules

_VERSION = re.compile(r"(\d)(?:[.,](\d+))?")
_SPACES = re.compile(r"\s+")
_CREATIVE_COMMONS = re.compile(r"\bcreative commons\b")
_ELEMENT_SEPARATORS = re.compile(r"[\s\-_/,+]+")
_PORT_SEPARATORS = re.compile(r"[\s\-_/,()]+")
_PORT = re.compile(r"^[a-z]{2,3}$")
_CANONICAL_CC = re.compile(r"^CC[ -](?:BY|BY-SA|BY-NC|BY-ND|BY-NC-SA|BY-NC-ND)[ -]\d\.\d(?:[ -][A-Za-z]{2,3})?$")
_CANONICAL_LONG = re.compile(
    r"^Creative Commons Attribution(?:-(?:NonCommercial|NoDerivs|NoDerivatives|ShareAlike|Share Alike))*"
    r" \d\.\d(?: (?:Unported|International|Generic|[A-Z][a-z]+))?(?: License| Licence)?$"
)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower().strip(" .,;:()[]"))


@cached
def _aliases() -> dict[str, str]:
    table = {}
    for entry in load_rules("licences")["alias"]:
        for raw in entry["raw"]:
            table[_fold(raw)] = entry["spdx"]
            table[_fold(anyascii(raw))] = entry["spdx"]
    return table


@cached
def _reserved() -> frozenset[str]:
    raws = [raw for entry in load_rules("licences")["reserved"] for raw in entry["raw"]]
    return frozenset(_fold(raw) for raw in raws) | frozenset(_fold(anyascii(raw)) for raw in raws)


def reserves_all_rights(raw: str) -> bool:
    """Whether the words state that every right is reserved (a status, not a licence and not the credit)."""
    folded = _fold(raw)
    return folded in _reserved() or _fold(anyascii(raw)) in _reserved()


@cached
def _elements() -> tuple[dict[str, str], list[str]]:
    data = load_rules("licences")
    words = {_fold(k): v for k, v in data["elements"].items()}
    return words, data["order"]["elements"]


@cache
def spdx_ids() -> frozenset[str]:
    """Every licence id of the SPDX list (from the license-expression package)."""
    from license_expression import get_spdx_licensing

    return frozenset(get_spdx_licensing().known_symbols)


@cache
def _spdx_by_lower() -> dict[str, str]:
    return {ident.lower(): ident for ident in spdx_ids()}


def _parse_cc(folded: str) -> str | None:
    """The grammar: ``cc`` element words, a version, an optional port -> an SPDX id, or None."""
    text = _CREATIVE_COMMONS.sub("cc", folded)
    if not text.startswith("cc"):
        return None
    body = text[2:]
    versions = list(_VERSION.finditer(body))
    if not versions:
        return None
    match = versions[-1]
    major, minor = match.group(1), (match.group(2) or "0")
    version = f"{major}.{minor.rstrip('0') or '0'}"
    head, tail = body[: match.start()], body[match.end() :]
    words, order = _elements()
    found: set[str] = set()
    tokens = [t for t in _ELEMENT_SEPARATORS.split(head) if t]
    i = 0
    while i < len(tokens):
        for width in (4, 3, 2, 1):
            phrase = " ".join(tokens[i : i + width])
            if phrase in words:
                found.update(words[phrase].split())
                i += width
                break
        else:
            if tokens[i] not in {"license", "licence", "lic", "international", "unported", "generic"}:
                return None
            i += 1
    if "BY" not in found:
        return None
    ident = "CC-" + "-".join(e for e in order if e in found) + "-" + version
    port = next((t for t in _PORT_SEPARATORS.split(tail) if t), "")
    if port and _PORT.match(port) and port not in {"int", "international", "unported"}:
        ported = f"{ident}-{port.upper()}"
        if ported in spdx_ids():
            return ported
    return ident if ident in spdx_ids() else None


def normalise(raw: str) -> License:
    """The licence as printed, with its SPDX id (or ``public-domain``) when it can be told; spdx None otherwise."""
    folded = _fold(raw)
    spdx = _aliases().get(folded) or _aliases().get(_fold(anyascii(raw)))
    if spdx is None:
        spdx = _parse_cc(folded)
    if spdx is None:
        spdx = _spdx_by_lower().get(folded.replace(" ", "-"))
    return License(raw=raw.strip(), spdx=spdx)


def is_canonical(raw: str, spdx: str | None) -> bool:
    """Whether the raw text is a standard way of writing the licence (no garble worth reporting)."""
    text = raw.strip().rstrip(".")
    if spdx is None:
        return reserves_all_rights(text)  # "all rights reserved" is written as it should be, and grants nothing
    if spdx in ("public-domain", "CC0-1.0"):
        return True
    if text == spdx:
        return True
    return bool(_CANONICAL_CC.match(text) or _CANONICAL_LONG.match(text)) and _parse_cc(_fold(text)) == spdx
