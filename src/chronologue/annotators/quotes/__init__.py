"""Quotations and who said them: detection (marks, markup, colon-introduced blocks), kinds, attribution.

``find_quotes(story, ctx)`` is the stage's whole job; the modules split it: ``marks`` pairs quotation marks,
``blocks`` finds block quotes (markup, layout, and unmarked paragraphs after a colon), ``kinds`` sorts them
(speech, writing, document, title, scare), ``speakers`` attributes them from the words around them,
``turns`` fills in the lines of conversations by turn-taking, ``lexicon`` loads the word lists.
"""

from __future__ import annotations

from chronologue.annotators.quotes.finder import find_quotes

__all__ = ["find_quotes"]
