"""Small helpers that build HTML/SVG strings; every text and attribute value goes through ``esc``."""

from __future__ import annotations

import re
from functools import cache
from html import escape

_SPACES = re.compile(r"\s+")


def esc(value: object) -> str:
    """``value`` as text safe inside an element or a double- or single-quoted attribute."""
    return escape(str(value), quote=True)


def esc_text(value: str) -> str:
    """Text for an element's content (not an attribute): only ``&``, ``<`` and ``>`` need escaping there."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def attrs(**values: object) -> str:
    """`` name="value"`` pairs (escaped); ``None`` and ``False`` are left out, ``True`` is a bare name.

    A trailing underscore is dropped (``class_``) and other underscores become dashes (``data_ref``).
    """
    return "".join(
        f" {_attr_name(name)}" if value is True else f' {_attr_name(name)}="{escape(str(value))}"'
        for name, value in values.items() if value is not None and value is not False
    )


def el(tag: str, content: str = "", **values: object) -> str:
    """An element whose ``content`` is already markup (escape text with ``esc`` first)."""
    return f"<{tag}{attrs(**values)}>{content}</{tag}>"


def squash(text: str) -> str:
    """Whitespace runs collapsed to one space, ends stripped."""
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` squashed and cut to at most ``limit`` characters, with an ellipsis when cut."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def num(value: float) -> str:
    """A coordinate for SVG: one decimal, no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
