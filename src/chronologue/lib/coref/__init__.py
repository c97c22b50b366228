"""Coreference: the one resolver of names, pronouns, person nouns, kin and the sex of persons, run once per
document and shared by every annotator (``Coreference``); the chains it writes into the story (``chains``)."""

from chronologue.lib.coref.resolver import Coreference, Reference
from chronologue.lib.coref.salience import one_of

__all__ = ["Coreference", "Reference", "one_of"]
