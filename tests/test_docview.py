"""The one columnar view of a parse that annotators read instead of asking spaCy for columns each."""

from __future__ import annotations

from spacy.attrs import HEAD, IDX, LEMMA, SENT_START

from chronologue import nlp
from chronologue.lib import docview


def test_the_view_is_spacys_columns_made_once_per_doc():
    doc = nlp.load()("Major Palij was captured near Kiev. He escaped in 1944.")
    view = docview.of(doc)
    assert docview.of(doc) is view
    assert (view.columns("LEMMA", "IDX") == doc.to_array([LEMMA, IDX])).all()
    heads, starts = view.lists("HEAD", "SENT_START")
    assert heads == [t.head.i - t.i for t in doc]
    assert [i for i, s in enumerate(starts) if s == 1] == [0, 7]
    assert starts == doc.to_array([SENT_START]).astype("int64").ravel().tolist()
    assert view.lists("HEAD")[0] is heads and (view.signed("HEAD") == doc.to_array(HEAD).astype("int64")).all()
