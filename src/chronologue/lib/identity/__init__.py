"""Person identity across spellings, scripts and transliteration schemes.

``parse_person_name`` splits a name into rank, given name, patronymic and surname; ``name_key`` folds any
spelling into a script- and scheme-independent key; ``same_person`` / ``match_score`` decide whether two names
can refer to one person (the caller picks the nearest compatible candidate).
"""

from chronologue.lib.identity.folding import fold_word, name_key
from chronologue.lib.identity.matching import match_score, same_person, same_surname, surname_key
from chronologue.lib.identity.parsing import NAME_PARTICLES, PersonName, parse_person_name, starts_surname

__all__ = [
    "NAME_PARTICLES",
    "PersonName",
    "fold_word",
    "match_score",
    "name_key",
    "parse_person_name",
    "same_person",
    "same_surname",
    "starts_surname",
    "surname_key",
]
