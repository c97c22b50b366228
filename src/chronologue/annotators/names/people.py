"""People of one document: person mentions clustered into persons by their names.

Full names join when the identity library says they are one person (spellings, transliterations, scripts); a
surname alone joins the nearest compatible full name; a title's gender keeps ``Mr.`` and ``Mrs.`` apart, a title
of the young keeps a daughter from her mother, and two titles of one surname with no full name are two people;
different given names never merge, nor do two forms of one name in two languages (``Mary``, ``Maria``). Names the
text coordinates or sets as subject and object of one verb never join (``apart``). A family named in the plural
is no person (``family_plurals``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from chronologue.annotators.names.apart import form_key
from chronologue.lib.identity import name_key, same_person, same_surname
from chronologue.lib.identity.given_names import DIMINUTIVE, given_compatibility, given_gender, given_set_ids
from chronologue.lib.identity.parsing import is_regnal_number
from chronologue.pipeline.handoffs import Mention
from chronologue.rules import cached
from chronologue.rules import load as load_rules

__all__ = ["ParsedName", "Person", "cluster_people", "family_plurals", "parse_person_name", "rank_key",
           "several_daughters", "wife_of"]

PATRONYMIC_ENDINGS = ("vich", "vych", "wicz", "wich", "vitch", "ovna", "evna", "ivna", "ichna", "yevna", "owna", "ewna")
FEMALE_PATRONYMIC_ENDINGS = ("vna", "wna", "ichna")
SALIENCE_FADE = 1000  # code points over which a person's weight halves
FUZZY_SCAN_LIMIT = 60  # up to this many people, every one is compared (fuzzy spellings); beyond, only the filed
RELATIVE_WEIGHT = 0.5  # a mention as someone's kin or friend ("his brother Ivan Horvat") counts this much
HEADLINE_WEIGHT = 3  # a person named in the title (the protagonist) counts as this many mentions more
HEADLINE_ROLES = ("title", "kicker")
_AFTER_THE = re.compile(r"(?<![\w'’])[Tt]he\s+$")  # "the Bennets", "the\nBennets"
MARRIED_TITLES = frozenset({"mrs", "mrs.", "mistress"})  # before a husband's full name: the wife
PET_NAME_RANKS = frozenset({"miss", "master"})  # titles of the young, who may be called by a pet name
GIVEN_MATCH = 0.85  # identity.given_compatibility: same name 1, equivalents 0.9, diminutives 0.85, initials 0.75


# -- person names ------------------------------------------------------------------------------------------------


@dataclass
class ParsedName:
    """A person's name split into its parts (the rank or title is not part of the name)."""

    given: str | None = None
    patronymic: str | None = None
    surname: str | None = None
    gender: str | None = None


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """A spelling-blind key of one name word (Latin, Cyrillic or Greek)."""
    key = anyascii(word).lower()
    key = re.sub(r"[^a-z]", "", key)
    for old, new in (("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("tsch", "ch"), ("w", "v"), ("ou", "u"), ("j", "i")):
        key = key.replace(old, new)
    key = re.sub(r"[iy]+", "i", key)
    key = re.sub(r"(.)\1+", r"\1", key)
    return key


def _given_gender(given: str | None) -> str | None:
    """``male``/``female`` when the identity library's given-name tables know the name, else None."""
    if not given or given.endswith("."):
        return None
    return given_gender(given) or None


def parse_person_name(text: str) -> ParsedName:
    """``Pyotr Nikolaevich Palij`` -> given, patronymic, surname; ``Palij, Piotr`` is read surname first."""
    text = re.sub(r"['’]s$", "", text.strip())
    if "," in text:
        surname, _, rest = text.partition(",")
        words = rest.split() + surname.split()
    else:
        words = text.split()
    words = [w for w in words if w]
    if not words:
        return ParsedName()
    if len(words) >= 2 and is_regnal_number(words[-1]):  # a ruler: the name with its number is one surname
        stem = words[:-1]  # ("Bahadur Shah II" and "Baji Rao II" share no name; "Henry VIII" no given name)
        given, name = (stem[0], stem[1:]) if len(stem) > 1 else (None, stem)
        return ParsedName(given=given, surname=" ".join([*name, words[-1]]))
    if len(words) == 1:
        return ParsedName(surname=words[0])
    if len(words) == 2 and _is_patronymic(words[0]):  # "Petrovich Lavrenko": the given name left out
        return ParsedName(patronymic=words[0], surname=words[1], gender=_patronymic_gender(words[0]))
    given, surname, middle = words[0], words[-1], words[1:-1]
    patronymic = None
    if middle and anyascii(middle[-1]).lower().rstrip("a").endswith(PATRONYMIC_ENDINGS):
        patronymic = middle[-1]
    elif middle and anyascii(middle[-1]).lower().endswith(PATRONYMIC_ENDINGS):
        patronymic = middle[-1]
    gender = _patronymic_gender(patronymic) if patronymic else None
    return ParsedName(given=given, patronymic=patronymic, surname=surname, gender=gender)


def _patronymic_gender(patronymic: str) -> str:
    return "female" if anyascii(patronymic).lower().endswith(FEMALE_PATRONYMIC_ENDINGS) else "male"


def _is_patronymic(word: str) -> bool:
    """A patronymic by its ending (``Petrovich``, ``Ivanovna``) that is not itself a given name."""
    folded = anyascii(word).lower()
    return folded.endswith(PATRONYMIC_ENDINGS) and len(folded) > 6 and _given_gender(word) is None


def _same_word(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a.rstrip(".") == b.rstrip(".") or (a.endswith(".") or b.endswith(".")) and _fold(a)[:1] == _fold(b)[:1]:
        return True
    return _fold(a) == _fold(b)


def _same_given(a: str | None, b: str | None) -> bool:
    """One given name, or an equivalent or diminutive of it (``Petya`` for ``Pyotr``), by the identity tables."""
    if not a or not b:
        return False
    return given_compatibility(a, b) >= GIVEN_MATCH


def _same_full_name(a: str, b: str) -> bool:
    return same_person(a, b)


def _same_surname(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return same_surname(a, b)


@dataclass
class Person:
    """A growing cluster of person mentions."""

    mentions: list[Mention] = field(default_factory=list)
    full: dict[str, ParsedName] = field(default_factory=dict)  # distinct full-name forms
    surnames: list[str] = field(default_factory=list)
    givens: list[str] = field(default_factory=list)
    patronymics: list[str] = field(default_factory=list)
    gender: str | None = None
    ranks: set[str] = field(default_factory=set)  # the titles the text gives the person ("mrs", "lady")
    surname_ranks: set[str] = field(default_factory=set)  # those it puts before the surname alone ("Mrs. Bennet")
    # Running totals over ``mentions`` (added only through ``add``), so that ``salience`` after the last mention,
    # the usual question when mentions come in text order, costs nothing per mention.
    _last_end: int = -1
    _weight: float = 0.0
    _headline: bool = False

    def add(self, mention: Mention, parsed: ParsedName) -> None:
        self.mentions.append(mention)
        self._last_end = max(self._last_end, mention.end)
        self._weight += RELATIVE_WEIGHT if mention.relative else 1.0
        self._headline = self._headline or mention.role in HEADLINE_ROLES
        if mention.rank:
            self.ranks.add(rank_key(mention.rank))
            if not parsed.given:  # "Miss Bennet", not "Miss Elizabeth Bennet"
                self.surname_ranks.add(rank_key(mention.rank))
        if parsed.given and parsed.surname:
            self.full.setdefault(mention.text, parsed)
        if parsed.surname and parsed.surname not in self.surnames:
            self.surnames.append(parsed.surname)
        if parsed.given and parsed.given not in self.givens:
            self.givens.append(parsed.given)
        if parsed.patronymic and parsed.patronymic not in self.patronymics:
            self.patronymics.append(parsed.patronymic)
        self.gender = self.gender or mention.gender or parsed.gender or _given_gender(parsed.given)
        if self.gender is None and not parsed.given and parsed.surname and " " not in mention.text:
            self.gender = _given_gender(parsed.surname)  # "William" alone: a man, by the given-name tables

    def compatible_gender(self, gender: str | None) -> bool:
        return gender is None or self.gender is None or gender == self.gender

    def salience(self, offset: int) -> tuple[float, int]:
        """How strongly this person is in play at ``offset``: mentions so far, fading with distance; then nearness.

        Of two people sharing a surname, a bare surname goes to the one the text has been following (the brother
        named once in passing does not take over: a mention as someone's kin counts half; the person of the title
        weighs more), unless nothing of either was said before it.
        """
        headline = HEADLINE_WEIGHT if self._headline else 0
        if self.mentions and self._last_end <= offset:  # every mention is earlier
            nearest = offset - self._last_end
            return (self._weight + headline) / (1 + nearest / SALIENCE_FADE), -nearest
        earlier = [m for m in self.mentions if m.end <= offset]
        if earlier:
            nearest = min(offset - m.end for m in earlier)
            weight = sum(RELATIVE_WEIGHT if m.relative else 1.0 for m in earlier)
            return (weight + headline) / (1 + nearest / SALIENCE_FADE), -nearest
        return 0.0, -min(m.start - offset for m in self.mentions)


def rank_key(rank: str) -> str:
    return rank.strip().rstrip(".").casefold()


@cached
def _given_name_titles() -> frozenset[str]:
    """Titles that may stand before a given name alone (``Sir Walter``); after others a name is a surname."""
    rows = load_rules("names_titles").get("given_name_title", [])
    return frozenset(rank_key(word) for row in rows for word in row["words"])


def _titled_as_surname(mention: Mention) -> bool:
    """``Colonel Fitzwilliam``, ``Mr. Darcy``: the word after such a title is a surname, never a given name."""
    return bool(mention.rank) and rank_key(mention.rank or "") not in _given_name_titles()


def _family_of_one(candidates: list[Person], mention: Mention, man_known: bool = False,
                   two_generations: bool = False, called_alone: frozenset[str] = frozenset()) -> list[Person]:
    """Of the persons named in full with a surname, those a titled or bare surname alone may mean.

    A title the person bears (``Mrs. Bennet`` of a Mrs. Bennet) always fits. A titled surname the text gives
    none of several persons of that surname (Jane, Elizabeth and Lydia Bennet) is none of them: ``Mrs.
    Bennet``, ``Miss Bennet`` stay persons of their own (their mother, the eldest sister). A bare surname is
    said of a man, and so is one after a title of no sex (``General Tilney``): when only women of the surname are
    named in full, it is none of them (``Bennet`` is their father), also when one woman is and the text titles a
    man by the surname (``man_known``: ``Bingley`` is Mr. Bingley, not his sister Caroline Bingley). One person
    named in full with the surname takes it, whatever the title, unless the text already titles that person by
    the surname alone as one of the other generation (``Lady Lucas`` is not ``Miss Lucas``). When the text titles
    the surname alone for both generations of the mention's sex (``two_generations``: ``Mrs. Morland`` and ``Miss
    Morland``), the one person takes a title the text puts before that person's own name, or the title of the
    young when the text calls the person by the given name alone (``called_alone``), as it calls the young;
    the caller passes none when the text names several daughters of the house (``the Miss Dashwoods``: ``Miss
    Dashwood`` is the eldest, who may be another than the one named in full).
    """
    rank = rank_key(mention.rank) if mention.rank else None
    if mention.gender is None and candidates and all(x.gender == "female" for x in candidates):
        if len(candidates) > 1 or man_known:
            return []
    if len(candidates) < 2:
        if two_generations and rank is not None:
            young = rank in PET_NAME_RANKS
            return [x for x in candidates if rank in x.ranks or young and not x.ranks - PET_NAME_RANKS and any(
                _fold(given) in called_alone for given in x.givens)]
        return [x for x in candidates if _same_generation(x, mention)]
    if rank is not None:
        return [x for x in candidates if rank in x.surname_ranks]
    return candidates


def _same_generation(person: Person, mention: Mention) -> bool:
    """A titled surname and a person the text titles by the surname alone may be one: ``Miss Honeychurch`` (the
    daughter) is not ``Mrs. Honeychurch`` (her mother), nor ``Master Smith`` ``Mr. Smith``; titles of the young
    and of the grown never join. A person titled only before a full name counts by those titles (``Miss Maria
    Lucas`` is not ``Lady Lucas``, her mother)."""
    ranks = person.surname_ranks or person.ranks
    if not mention.rank or not ranks:
        return True
    young = rank_key(mention.rank) in PET_NAME_RANKS
    return all((rank in PET_NAME_RANKS) == young for rank in ranks)


def _may_take_given(person: Person, mention: Mention, given: str) -> bool:
    """A given name alone joins a person of that given name; a pet form of it (``Kitty`` for ``Catherine``)
    only one the text does not title as a grown woman or man (a pet name is for intimates: not Lady Catherine);
    another language's form of it never (a text writes one person's name one way: ``Mary`` is not ``Maria``).

    A title before the given name must be one the person bears when the text titles the person at all (``Sir
    William`` is not Mr. William Collins)."""
    if mention.rank and person.ranks and rank_key(mention.rank) not in person.ranks:
        return False
    if _fold(given) in {_fold(g) for g in person.givens}:
        return True
    return person.ranks <= PET_NAME_RANKS and any(
        given_compatibility(given, g) == DIMINUTIVE for g in person.givens
    )


@lru_cache(maxsize=65536)
def _given_keys(given: str) -> tuple[str, ...]:
    """The keys a given name is filed under: its folded form and its equivalence sets (pet forms included)."""
    return (_fold(given), *(f"#{set_id}" for set_id in sorted(given_set_ids(given))))


@lru_cache(maxsize=65536)
def _surname_key(surname: str) -> str:
    """The spelling-blind key people are filed under (the identity library's)."""
    return name_key(surname)


class _People:
    """Persons with a full name, filed by surname key and given-name key.

    Candidates come from the files (one dict look-up); in a short text with few people the fuzzier comparisons
    of the identity library also run over everyone, so ``Gohol`` still finds ``Gogol``.
    """

    def __init__(self) -> None:
        self.all: list[Person] = []
        self.by_surname: dict[str, list[Person]] = {}
        self.by_given: dict[str, list[Person]] = {}

    def file(self, person: Person, parsed: ParsedName) -> None:
        if parsed.surname:
            files = self.by_surname.setdefault(_surname_key(parsed.surname), [])
            if person not in files:
                files.append(person)
        if parsed.given:
            for key in _given_keys(parsed.given):
                files = self.by_given.setdefault(key, [])
                if person not in files:
                    files.append(person)

    def _candidates(self, files: dict[str, list[Person]], key: str) -> list[Person]:
        filed = files.get(key, [])
        return self.all if len(self.all) <= FUZZY_SCAN_LIMIT else filed

    def _given_candidates(self, given: str) -> list[Person]:
        if len(self.all) <= FUZZY_SCAN_LIMIT:
            return self.all
        found: list[Person] = []
        for key in _given_keys(given):  # "Carrie" is filed with "Caroline" under their set
            found.extend(person for person in self.by_given.get(key, []) if person not in found)
        return found

    def same_name(self, mention: Mention, parsed: ParsedName) -> Person | None:
        gender = mention.gender or parsed.gender
        for person in self._candidates(self.by_surname, _surname_key(parsed.surname or "")):
            if person.compatible_gender(gender) and any(
                _same_full_name(mention.text, text) for text in person.full
            ):
                return person
        return None

    def by_surname_of(self, surname: str | None, gender: str | None) -> list[Person]:
        if not surname:
            return []
        return [
            x
            for x in self._candidates(self.by_surname, _surname_key(surname))
            if x.compatible_gender(gender) and any(_same_surname(surname, s) for s in x.surnames)
        ]

    def by_given_of(self, given: str | None, gender: str | None) -> list[Person]:
        """The persons a given name alone may be: one of their full names holds it or a form of it (not a pet form
        that joined them alone: ``Christopher`` is not Katharine, whom the text also calls ``Kit``)."""
        if not given:
            return []
        return [
            x
            for x in self._given_candidates(given)
            if x.compatible_gender(gender) and any(_same_given(given, q.given) for q in x.full.values())
        ]


def _named_by(person: Person, mention: Mention, parsed: ParsedName) -> bool:
    """Whether ``mention`` (its name ``parsed``) writes one of the names that make ``person`` (not the forms that
    joined it later, which may be wrong): a full name of the person, or the person's given name alone (``George``
    of George Emerson)."""
    if parsed.given and parsed.surname:
        return any(_same_full_name(mention.text, text) for text in person.full)
    word = parsed.surname
    return bool(word) and not _titled_as_surname(mention) and _fold(word or "") in {_fold(g) for g in person.givens}


def _not_set_apart(candidates: list[Person], mention: Mention, apart: dict[str, list[Mention]],
                   parsed: dict[int, ParsedName]) -> list[Person]:
    """The candidates none of whose names the text coordinates with the name of ``mention`` (``apart``);
    ``parsed``: the names of the mentions, already read."""
    others = apart.get(form_key(mention))
    if not others:
        return candidates
    names = [(other, parsed.get(id(other)) or parse_person_name(other.text)) for other in others]
    return [x for x in candidates if not any(_named_by(x, other, name) for other, name in names)]


def cluster_people(mentions: list[Mention], apart: dict[str, list[Mention]] | None = None,
                   daughters: frozenset[str] = frozenset()) -> list[Person]:
    """Persons from PERSON mentions in text order: full names first, then surnames and given names alone.

    ``apart`` (``apart.apart_forms``): name forms the text sets apart from each form; a surname or given name
    alone never joins a person named by a form set apart from it (``Mr. Emerson and George``). ``daughters``:
    the surnames of houses whose daughters the text names together (``several_daughters``)."""
    apart = apart or {}
    people = _People()
    by_mention: dict[int, Person] = {}
    parsed = {id(m): parse_person_name(m.text) for m in mentions}
    full = [m for m in mentions if parsed[id(m)].given]
    single = [m for m in mentions if not parsed[id(m)].given]
    # surnames the text puts after a title anywhere ("Colonel Fitzwilliam", "Mr. Bingley"), and those of men
    titled = [(_fold(parsed[id(m)].surname or ""), m.gender) for m in single if _titled_as_surname(m)]
    titled_surnames = {key for key, _ in titled}
    titled_men = frozenset(key for key, gender in titled if gender == "male")
    generations: dict[tuple[str, str | None], set[bool]] = {}  # (surname, sex) -> titled as young, as grown
    for m in single:
        if m.rank:
            key = (_fold(parsed[id(m)].surname or ""), m.gender)
            generations.setdefault(key, set()).add(rank_key(m.rank) in PET_NAME_RANKS)
    called_alone = frozenset(_fold(parsed[id(m)].surname or "") for m in single if not m.rank and " " not in m.text)
    wives: dict[str, Person] = {}
    for mention in full:
        p = parsed[id(mention)]
        target = by_mention.get(id(mention.alias_of)) if mention.alias_of else None
        wife = wife_of(mention, p, titled_men)
        if wife is not None:
            target = wives.get(wife)
        elif target is None:
            target = people.same_name(mention, p)
        if target is None:
            target = Person()
            people.all.append(target)
            if wife is not None:
                wives[wife] = target
        if wife is not None:  # her husband's given name is not hers, and she is filed under neither name part:
            # "Mrs. Robert Ferrars" is written so to tell her from the Mrs. Ferrars of the older generation
            target.add(mention, ParsedName(gender="female"))
        else:
            target.add(mention, p)
            people.file(target, p)
        by_mention[id(mention)] = target
    singles = _Singles()
    for mention in single:
        p = parsed[id(mention)]
        gender = mention.gender
        target = by_mention.get(id(mention.alias_of)) if mention.alias_of else None
        if target is None:
            surname = _fold(p.surname or "")
            by_surname = _family_of_one(people.by_surname_of(p.surname, gender), mention,
                                        man_known=surname in titled_men,
                                        two_generations=len(generations.get((surname, gender), ())) > 1,
                                        called_alone=frozenset() if surname in daughters else called_alone)
            by_surname = _not_set_apart(by_surname, mention, apart, parsed)
            if p.patronymic:  # "Petrovich Lavrenko" is the Lavrenko with that patronymic, when there is one
                by_surname = [x for x in by_surname if any(_same_word(p.patronymic, q) for q in x.patronymics)] or (
                    by_surname
                )
            if len(by_surname) > 1 and gender is None:
                by_surname = _bare_surname_candidates(by_surname)
            if by_surname:
                target = max(by_surname, key=lambda x: x.salience(mention.start))
        if target is None and not _titled_as_surname(mention) and _fold(p.surname or "") not in titled_surnames:
            by_given = _not_set_apart([x for x in people.by_given_of(p.surname, gender)
                                       if _may_take_given(x, mention, p.surname or "")], mention, apart, parsed)
            written = _fold(p.surname or "")  # "Henry" goes to a Henry before a Harry (its pet form)
            by_given = [x for x in by_given if written in {_fold(g) for g in x.givens}] or by_given
            if by_given:
                target = max(by_given, key=lambda x: x.salience(mention.start))
                p = ParsedName(given=p.surname, gender=p.gender)
        if target is None:
            target = singles.cluster(mention, p, gender)
        target.add(mention, p)
        by_mention[id(mention)] = target
    clusters = people.all + singles.all
    # another name the text gave a person clustered before that person was seen ("Menelik was born Sahle Maryam":
    # the full name comes first in the loop above): it joins the person now
    for mention in mentions:
        into = by_mention.get(id(mention.alias_of)) if mention.alias_of else None
        moved = by_mention[id(mention)]
        if into is None or into is moved:
            continue
        for other in moved.mentions:
            into.add(other, parsed[id(other)])
            by_mention[id(other)] = into
        clusters = [c for c in clusters if c is not moved]
    return clusters


def wife_of(mention: Mention, parsed: ParsedName, men: frozenset[str] | None = None) -> str | None:
    """``Mrs. Newland Archer``: a married woman named by her husband's full name, as English long did; the key of
    that name, so that she is a person of her own (his wife), never the husband. None for a woman's own full name:
    a given name of a woman (``Mrs. Ruth Carver``), or one of unknown sex when the text titles no man of the
    surname (``men``: folded surnames after a man's title; None when the caller has decided the name is his)."""
    if mention.rank is None or rank_key(mention.rank) not in MARRIED_TITLES or not parsed.given:
        return None
    sex = _given_gender(parsed.given)
    if sex == "female" or (sex is None and men is not None and _fold(parsed.surname or "") not in men):
        return None
    return f"{_fold(parsed.given)} {_surname_key(parsed.surname or '')}"


def _bare_surname_candidates(family: list[Person]) -> list[Person]:
    """A bare surname shared by a man and a woman of one family is the man's.

    English prose names a woman by her given name or with her title (``Florence``, ``Miss Linden``); a surname
    with neither is said of a man (``Linden`` is John Linden, not his niece Florence Linden).
    """
    genders = {person.gender for person in family}
    if "female" not in genders or genders == {"female"}:
        return family
    return [person for person in family if person.gender != "female"]


class _Singles:
    """Surname-only mentions without any full name: one person per surname and title (two titles of one surname
    are two people of one family unless a full name joins them: ``General Tilney``, ``Mr. Tilney``)."""

    def __init__(self) -> None:
        self.all: list[Person] = []
        self.by_key: dict[str, list[Person]] = {}
        self.by_given_set: dict[str, list[tuple[str, Person]]] = {}  # set key -> (given name, person)

    def cluster(self, mention: Mention, p: ParsedName, gender: str | None) -> Person:
        word = p.surname or mention.text
        filed = self.by_key.setdefault(_fold(word), [])
        same = filed
        if mention.rank:  # "General Tilney" is not "Mr. Tilney" (his son), "Colonel" not "Mrs. Forster" nor "Miss"
            rank = rank_key(mention.rank or "")
            same = [x for x in filed if rank in x.surname_ranks or not x.surname_ranks]
        exact = [x for x in same if x.gender == gender and _same_generation(x, mention)]
        if gender is None and same:
            return max(_bare_surname_candidates(same), key=lambda x: x.salience(mention.start))
        if exact:
            return exact[0]
        ungendered = [x for x in same if x.gender is None and all(m.gender is None for m in x.mentions)]
        if ungendered:
            return ungendered[0]
        person = self._pet_form_of(word) if gender is None else None
        if person is not None:
            filed.append(person)
            return person
        person = Person()
        filed.append(person)
        self.all.append(person)
        if gender is None:
            for key in _given_keys(word)[1:]:
                self.by_given_set.setdefault(key, []).append((word, person))
        return person

    def _pet_form_of(self, word: str) -> Person | None:
        """The one person named so far by the full form of a pet name, or by a pet form of a full name, alone.

        ``Lizzy`` and ``Elizabeth``, ``Meg`` and ``Margaret``: one person when the text names no other one so.
        """
        found: list[Person] = []
        gender = _given_gender(word)
        for key in _given_keys(word)[1:]:
            for given, person in self.by_given_set.get(key, []):
                if person in found or not _same_given(word, given) or not person.compatible_gender(gender):
                    continue
                if all(m.gender is None for m in person.mentions):  # no title: "Miss Linden" is not "Florence"
                    found.append(person)
        return found[0] if len(found) == 1 else None


def family_plurals(mentions: list[Mention], text: str | None) -> set[int]:
    """The person mentions that name a family in the plural: ``the Miss Bennets``, ``the Lovell Mingotts``.

    The last word has a plural ending, and the mention follows ``the`` or is titled ``Miss`` (the daughters of a
    house; then the singular must be a surname of the text's people: ``Bennet``, ``Lucas``), and no one the text
    names otherwise bears the plural form as a surname (``Miss Williams`` beside ``Sarah Williams`` is one woman).
    One form names one thing in a text: a form the text makes a family (or a group) once is a family wherever it
    stands untitled (``these Mingotts``, ``Archers, Newlands and Chiverses``)."""
    people = [m for m in mentions if m.type == "PERSON"]
    surnames = {_last_word(m) for m in people if len(m.text.split()) > 1 or _titled_as_surname(m)}
    kind: dict[int, str] = {}  # plural mention -> "house" (Miss and a known surname), "the", or ""
    for mention in people:
        last = _last_word(mention)
        if not (_singulars(last) and last[:1].isupper()):
            continue
        young = mention.rank is not None and rank_key(mention.rank) in PET_NAME_RANKS
        if young and any(stem in surnames for stem in _singulars(last)):
            kind[id(mention)] = "house"
        elif text is not None and _AFTER_THE.search(text, max(0, mention.start - 6), mention.start) is not None:
            kind[id(mention)] = "the"
        elif mention.rank is None:
            kind[id(mention)] = ""
    borne = {_last_word(m) for m in people
             if not kind.get(id(m)) and (len(m.text.split()) > 1 or _titled_as_surname(m))}
    forms = {_form(m) for m in mentions if m.type == "GROUP" and len(m.text.split()) == 1 and _singulars(m.text)}
    forms |= {_form(m) for m in people if kind.get(id(m))}
    return {id(m) for m in people
            if id(m) in kind and _form(m) in forms and _last_word(m) not in borne}


def _last_word(mention: Mention) -> str:
    words = mention.text.split()
    return words[-1] if words else ""


def _form(mention: Mention) -> str:
    return " ".join(mention.text.split())


def _singulars(word: str) -> tuple[str, ...]:
    """What a plural surname may be the plural of (``Bennets``: ``Bennet``; ``Lucases``: ``Lucase``, ``Lucas``)."""
    return (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],) if word.endswith("s") else ()


def several_daughters(families: list[Mention]) -> frozenset[str]:
    """The folded surnames of the ``families`` (``family_plurals``) titled as daughters: ``the Miss Dashwoods``."""
    return frozenset(
        _fold(stem) for m in families if m.rank and rank_key(m.rank) in PET_NAME_RANKS
        for stem in _singulars(_last_word(m))
    )
