"""Text as XML can hold it, for the exports written as XML (TEI, TimeML)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

# characters XML 1.0 cannot hold even escaped (C0 controls other than tab and line ends, U+FFFE, U+FFFF); a
# document with a stray form feed or vertical tab would otherwise not be well-formed
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """``value`` with the characters XML cannot hold replaced by U+FFFD (one for one: offsets keep)."""
    return NOT_XML.sub("\ufffd", value)


def text(value: str) -> str:
    """``value`` as XML character data: escaped, characters XML cannot hold replaced by U+FFFD."""
    return escape(xml_safe(value))


def attr(value: str) -> str:
    """``value`` as a quoted XML attribute value, characters XML cannot hold replaced by U+FFFD."""
    return quoteattr(xml_safe(value))
