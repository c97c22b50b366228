"""One columnar view of the parse: every token attribute the annotators read, from one ``doc.to_array`` call.

Making a Python ``Token`` per token costs more than most rules that read it, so annotators read columns (numpy
arrays, or plain lists where they loop) instead. The view is built once per ``Doc`` and kept in its
``user_data``, so the annotators that read the parse share it instead of each asking spaCy for its own columns.

>>> import spacy
>>> doc = spacy.blank("en")("Palij was born in 1916.")
>>> of(doc).lists("IDX", "LENGTH")[1]
[0, 6, 10, 15, 18, 22]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy
    from spacy.tokens import Doc

ATTRIBUTES = ("IDX", "LENGTH", "POS", "TAG", "DEP", "HEAD", "LEMMA", "LOWER", "SUFFIX", "ENT_IOB", "ENT_TYPE",
              "IS_TITLE", "IS_LOWER", "SENT_START", "SPACY")
_KEY = "chronologue.docview"


class DocView:
    """The columns of one parse. ``columns`` gives spaCy's own values (``uint64``: string hashes compare equal
    to ``doc.vocab.strings[...]``); ``signed`` and ``lists`` give them as ``int64`` (a relative ``HEAD`` of -1
    and a ``SENT_START`` of -1 read as -1; a hash above 2**63 reads as its value minus 2**64)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDS

        self.array = doc.to_array([IDS[name] for name in ATTRIBUTES])
        self._where = {name: i for i, name in enumerate(ATTRIBUTES)}

    def columns(self, *names: str) -> numpy.ndarray:
        """One column (a 1-D array) or several (an array with one column per name, in the order given)."""
        if len(names) == 1:
            return self.array[:, self._where[names[0]]]
        return self.array[:, [self._where[name] for name in names]]

    def signed(self, *names: str) -> numpy.ndarray:
        """``columns`` as ``int64``."""
        return self.columns(*names).astype("int64")

    def lists(self, *names: str) -> list[list[int]]:
        """Each named column as a new list of ``int64`` values (lists are not kept: a book's would be large)."""
        return self.signed(*names).reshape(-1, len(names)).T.tolist()


def of(doc: Doc) -> DocView:
    """The view of ``doc``, made on first use and kept with it."""
    view = doc.user_data.get(_KEY)
    if view is None:
        view = doc.user_data[_KEY] = DocView(doc)
    return view
