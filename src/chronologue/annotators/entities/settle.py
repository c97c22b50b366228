"""Settling candidates: overlaps, one type per string over the whole text, repeated names as mentions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy

from chronologue.lib.identity import name_key, starts_surname
from chronologue.lib.identity.given_names import common_word
from chronologue.pipeline.handoffs import PRIORITY_PROPAGATED, PRIORITY_RULE, Mention

if TYPE_CHECKING:
    pass

from chronologue.annotators.entities.finder import Finder
from chronologue.annotators.entities.rules import (
    ARTICLES,
    LAST_WORD,
    NAMED,
    NESTING_TYPES,
    POS_PROPN,
    PREPOSITION_BEFORE,
    QUOTE_CHARS,
    TWO_WORDS_BEFORE,
    VOCATIVE_AFTER,
    WHO_AFTER,
    _best_place,
    _is_known_given,
    gazetteer_knows,
    is_country,
    is_given_name,
    rules,
)
from chronologue.annotators.entities.spans import after_article, enclosed_in_quotes, in_table, overlaps_any

# -- settling: overlaps, types over the whole text, repeated names ------------------------------------------------


def _may_nest(outer: Mention, inner: Mention, text: str) -> bool:
    """Whether ``inner`` may sit strictly inside ``outer`` (an ORG holding a PLACE, a known body in a longer name)."""
    if inner.type == "MISC" or not (outer.type in NESTING_TYPES or inner.nested):
        return False
    if outer.source.startswith("spacy") and inner.source.startswith("bibliography"):
        return False  # the bibliography entry's fields are its segmentation ("Smoloskyp, Kyiv 2006")
    if outer.source == "bibliography:title" or (outer.type == "WORK" and inner.source.startswith("rule:")):
        return False  # a title is one name ("Przeprawa na Niemnie", "The River Does Not Forget")
    if inner.source.startswith("spacy") and outer.source.startswith("bibliography") and inner.type not in NAMED:
        return False  # a field read twice
    if outer.source.startswith("spacy") and inner.source == "title":
        return False  # "6th Army of Field Marshal Friedrich Paulus": the army and the person, not one name
    if outer.type == inner.type and (outer.start == inner.start or outer.end == inner.end):
        extra = text[outer.start : inner.start] + text[inner.end : outer.end]
        # "Red Army Legal Board" holds "Red Army"; "Order No. 270" does not hold "Order No"
        return any(word[:1].isupper() and word not in ARTICLES for word in extra.split())
    return True


def select(candidates: list[Mention], blocked: list[tuple[int, int]], text: str) -> list[Mention]:
    """Keep the best of overlapping candidates (priority, then length); strict nesting where :func:`_may_nest`."""
    ordered = sorted(candidates, key=lambda m: (-m.priority, -(m.end - m.start), m.start))
    accepted: list[Mention] = []
    starts: list[tuple[int, int]] = []  # (start, index into accepted), sorted
    longest = 0
    for mention in ordered:
        if mention.end <= mention.start or overlaps_any(blocked, mention.start, mention.end):
            continue
        lo = bisect_left(starts, (mention.start - longest, -1))
        hi = bisect_left(starts, (mention.end, -1))
        clash = False
        for _, k in starts[lo:hi]:
            other = accepted[k]
            if other.end <= mention.start or mention.end <= other.start:
                continue
            if (other.start, other.end) == (mention.start, mention.end):
                clash = True
            elif other.start <= mention.start and mention.end <= other.end:
                clash = not _may_nest(other, mention, text)
            elif mention.start <= other.start and other.end <= mention.end:
                clash = not _may_nest(mention, other, text)
            else:
                clash = True
            if clash:
                break
        if not clash:
            insort(starts, (mention.start, len(accepted)))
            accepted.append(mention)
            longest = max(longest, mention.end - mention.start)
    return accepted


def settle_types(mentions: list[Mention], finder: Finder) -> None:
    """One type per string over the whole text: surnames spaCy mistook become persons, persons after "in" places.

    Person evidence: a title before the name, a bibliography author, a full name, a speaker (``said Turkey``).
    Place evidence for one word spaCy called a person: a locative preposition before it, or the gazetteer, unless
    it owns something (``Hitler's arms``) or acts as a subject anywhere.
    """
    text = finder.text
    speakers, actors = finder.subjects()
    # a name a rule of the data layer makes a place ("the Battle of Trafalgar") is no one spoken to elsewhere
    ruled = {m.text for m in mentions if m.type == "PLACE" and m.priority == PRIORITY_RULE}
    strong_people: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PERSON" and (m.source in ("title", "bibliography:author") or len(words) >= 2):
            strong_people.add(m.text)
            if len(words) >= 2:
                strong_people.add(words[-1])
        elif m.type not in ("EVENT", "WORK", "LAW") and _holds_any(speakers, m.start, m.end):
            strong_people.add(m.text)  # "said Turkey"
        elif m.type in ("PLACE", "PERSON") and " " not in m.text and m.text not in ruled and _addressed(text, m):
            strong_people.add(m.text)  # "“Charlotte, do you ...", "Oh, Charlotte, we must stop"
        elif m.type in ("ORG", "MISC", "PLACE") and WHO_AFTER.match(text, m.end) and _plain_name(m, finder):
            if not after_article(text, m.start) and not (m.type == "PLACE" and gazetteer_knows(m.text)):
                strong_people.add(m.text)  # "the life of Bartleby, who was a scrivener"; not "the Antelope, who"
    strong_people |= _mostly_people(mentions)
    known_forms = finder.rules.known
    collective = finder.collective_names()  # "the Dutch answered" names a people, however it speaks
    for m in mentions:
        if m.source.startswith(("spacy", "rule:locative")) and m.text in strong_people and m.text not in known_forms:
            a_people = m.type == "NORP?" and m.text in collective
            if m.type in ("PLACE", "NORP?", "GROUP", "ORG", "MISC") and not a_people:
                m.type = "PERSON"
    _respelled_surnames(mentions, strong_people, known_forms)
    acting = {m.text for m in mentions if m.type == "NORP?" and _holds_any(actors, m.start, m.end)}
    for m in mentions:
        if m.type == "NORP?":
            # an unknown "nation" that acts in the singular is a surname spaCy mistook ("Hnatko worked"); one the
            # text uses as a people ("the Dutch answered", "200,000 Javanese") is a people
            person = m.text not in collective and (
                m.text in strong_people or (m.text in acting and not m.text.endswith("s")))
            m.type = "PERSON" if person else "GROUP"
    # a name that was born, died or married is a person wherever spaCy called it an organisation
    living = finder.living_names() - collective
    for m in mentions:
        if (m.text in living and m.type in ("ORG", "MISC") and m.source.startswith("spacy")
                and m.text not in known_forms):
            m.type = "PERSON"
            strong_people.add(m.text)
    # one word spaCy called a person: a place after "in"/"towards", or one the gazetteer knows (asked once a
    # string, and only when nothing says it is a person: no possessive, never the subject of a verb)
    acts: set[str] = set()
    locative: set[str] = set()
    candidates: list[Mention] = []
    for m in mentions:
        if m.type not in ("PERSON", "MISC") or not m.source.startswith("spacy") or " " in m.text:
            continue
        if m.text in strong_people or not m.text.replace("-", "").isalpha():
            continue  # "V2" is a model, not a place
        candidates.append(m)
        addressed = m.text not in ruled and _addressed(text, m)
        if text.startswith(("'s", "’s"), m.end) or _holds_any(actors, m.start, m.end) or addressed:
            acts.add(m.text)  # "Hitler's arms", "Florence smiled", "“Charlotte, do you...": a person
            continue
        previous = LAST_WORD.search(text[max(0, m.start - 20) : m.start])
        if previous and previous.group(1) in finder.rules.locatives:
            locative.add(m.text)
    places = {t for t in {m.text for m in candidates} - acts if t in locative or t in ruled or gazetteer_knows(t)}
    for m in candidates:
        if m.text in places:
            m.type = "PLACE"
    _given_names_are_people(mentions, finder)
    _place_evidence(mentions, finder, strong_people, actors)
    _full_names_of_people(mentions, finder)
    _capitalised_words_of_speech(mentions, finder, strong_people)
    _bands_of_people(mentions, finder, actors)


def _bands_of_people(mentions: list[Mention], finder: Finder, actors: list[int]) -> None:
    """A name of two or more words after ``the`` that spaCy called a title, in no quotation marks, that acts as the
    subject of a verb somewhere, is a band of people: ``The Happy Family had themselves an eye``.
    """
    text = finder.text
    loose = [
        m
        for m in mentions
        if m.type == "WORK" and m.source.startswith("spacy") and " " in m.text and after_article(text, m.start)
    ]
    if not loose:
        return
    acting = {m.text for m in loose if _holds_any(actors, m.start, m.end)}
    for m in loose:
        if m.text in acting and not enclosed_in_quotes(text, m.start, m.end):
            m.type = "GROUP"


def _plain_name(mention: Mention, finder: Finder) -> bool:
    """One capitalised word, no acronym, no body's word, no known name, no nation: a name that may be a person's."""
    text = mention.text
    if " " in text or text.isupper() or not text.isalpha() or text in finder.rules.known:
        return False
    return text not in finder.rules.org_words and text not in finder.rules.group_adjective


def _capitalised_words_of_speech(mentions: list[Mention], finder: Finder, strong_people: set[str]) -> None:
    """A word spaCy called a person (or a body) where a sentence or a quotation starts, that the text also writes in
    lower case, is no name.

    ``Chirk, chirk, chirk, it went``, ``Hush!``, ``Marry, I fear``: a sound, an interjection or an oath opening a
    sentence. Not a word a title, a full name or a speech verb makes a person's, nor a given name of the tables.
    """
    tokens = finder.tokens
    if tokens is None:
        return
    for m in mentions:
        if m.type not in ("PERSON", "ORG", "MISC") or not m.source.startswith("spacy") or m.text in strong_people:
            continue
        if not _plain_name(m, finder):
            continue
        i = tokens.by_offset.get(m.start)
        if i is None:
            continue
        opens = tokens.sent_start[i] == 1 or finder.text[max(0, m.start - 2) : m.start].strip()[-1:] in QUOTE_CHARS
        if opens and m.text.lower() in finder.lower_words and not _is_known_given(m.text):
            m.type = "NONE"  # "Chirk, chirk", "True, -- but, with submission"


def _full_names_of_people(mentions: list[Mention], finder: Finder) -> None:
    """Two or three capitalised words spaCy typed otherwise, starting with the one-word name of a person of the text.

    ``Curtis`` speaks and acts all through the text; ``Curtis Waring``, typed an organisation or a work, is his full
    name. Not when a word is a body's, a place's or a known name's, when the last word is a common noun the text
    writes in lower case (``Happy Family``), or when quotation marks enclose a work's title.
    """
    people = {m.text for m in mentions if m.type == "PERSON" and " " not in m.text}
    if not people:
        return
    rules = finder.rules
    for m in mentions:
        if m.type not in ("ORG", "WORK", "MISC", "PLACE") or not m.source.startswith("spacy"):
            continue
        words = m.text.split()
        if not 2 <= len(words) <= 3 or words[0] not in people or m.text in rules.known:
            continue
        if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha() for w in words):
            continue
        if any(w in rules.org_words or w in rules.place_words or w in rules.known for w in words):
            continue
        if words[-1].lower() in finder.lower_words or after_article(finder.text, m.start) or gazetteer_knows(m.text):
            continue
        if m.type == "WORK" and enclosed_in_quotes(finder.text, m.start, m.end):
            continue
        m.type = "PERSON"


def _given_names_are_people(mentions: list[Mention], finder: Finder) -> None:
    """A lone given name of the identity tables that spaCy called an organisation or a place is a person."""
    for m in mentions:
        if m.type in ("ORG", "PLACE", "MISC", "GROUP", "WORK") and m.source.startswith(("spacy", "rule:locative")):
            if " " not in m.text and m.text not in finder.rules.known and is_given_name(m.text):
                m.type = "PERSON"


def _place_evidence(mentions: list[Mention], finder: Finder, strong_people: set[str], actors: list[int]) -> None:
    """Names spaCy called an organisation or a person that the text and the gazetteer show to be places.

    A country's name is a place (also as a bibliography's publisher place); a name after ``in``/``at``/``to``
    that the gazetteer resolves, or after ``the village of``, is a place, unless the name acts as a person
    somewhere (a subject, an owner), holds an organisation word, is a known body or a given name.
    """
    text, rules = finder.text, finder.rules
    evidence: set[str] = set()
    acting: set[str] = set()
    pool: list[Mention] = []
    firm_people = {m.text for m in mentions if m.type == "PERSON" and not m.source.startswith("spacy")}
    for m in mentions:
        if m.type not in ("ORG", "PERSON", "MISC", "GROUP") or not m.source.startswith(("spacy", "bibliography:pub")):
            continue
        if m.text in firm_people or m.text in rules.known or not m.text[:1].isupper():
            continue
        words = m.text.split()
        if len(words) > 3 or any(w in rules.org_words for w in words) or any(ch.isdigit() for ch in m.text):
            continue
        if m.type == "PERSON" and len(words) == 1 and is_given_name(m.text):
            continue
        pool.append(m)
        if text.startswith(("'s", "’s"), m.end) or _holds_any(actors, m.start, m.end):
            acting.add(m.text)
        if is_country(m.text):
            if m.text not in strong_people:
                evidence.add(m.text)
            continue
        before = TWO_WORDS_BEFORE.search(text, max(0, m.start - 40), m.start)
        if before is None:
            continue
        noun, preposition = before.group(1), before.group(2)
        if preposition == "of" and noun in rules.place_nouns:
            evidence.add(m.text)  # "the slopes of Kasprowy Wierch", even when spaCy read a full name
        elif m.text in strong_people and (len(words) == 1 or is_given_name(words[0])):
            continue  # a surname or a full name; "Nowy Sącz", a two-word spaCy person, is no evidence of one
        elif preposition not in rules.gazetteer_locatives or m.text in rules.institutions:
            continue
        elif m.type == "PERSON" and preposition not in rules.locatives and noun not in rules.motion_words:
            continue  # "said to Watson": only "deported to", "the camp at" make a destination of a person's name
        elif _best_place(m.text) is not None:
            evidence.add(m.text)
    evidence -= acting
    for m in pool:
        if m.text in evidence:
            m.type = "PLACE"


@cache
def _address_word_after() -> re.Pattern[str]:
    """``, mother``: a word of address right after a comma (the one spoken to is not the name before it)."""
    words = "|".join(sorted((re.escape(w.lower()) for w in rules().address), key=len, reverse=True))
    return re.compile(rf",\s+(?:my\s+|dear\s+)?(?:{words})\b", re.IGNORECASE)


def _addressed(text: str, mention: Mention) -> bool:
    """The name is spoken to: right after an opening quotation mark, or before ", you"/", we"/", I"."""
    before = text[max(0, mention.start - 3) : mention.start].rstrip()
    if before.endswith(("“", "‘", '"', "«", "„")) and text.startswith((",", "!", "?"), mention.end):
        return _address_word_after().match(text, mention.end) is None  # "“Trafalgar, mother.”" speaks to mother
    if PREPOSITION_BEFORE.search(text, max(0, mention.start - 12), mention.start):
        return False  # "when in London, I had visited": the object of a preposition is no one spoken to
    return VOCATIVE_AFTER.match(text, mention.end) is not None


def _mostly_people(mentions: list[Mention]) -> set[str]:
    """One-word strings spaCy tagged a person more often than anything else (the cluster decides)."""
    votes: dict[str, list[int]] = {}
    for m in mentions:
        if m.source.startswith("spacy") and " " not in m.text:
            tally = votes.setdefault(m.text, [0, 0])
            tally[0 if m.type == "PERSON" else 1] += 1
    return {text for text, (person, other) in votes.items() if person > other and other}


def _respelled_surnames(mentions: list[Mention], strong_people: set[str], known_forms: dict[str, Any]) -> None:
    """A word spaCy called a place or a nation that spells a known surname another way (``Schukow``) is a person."""
    surnames = {name_key(text.split()[-1]) for text in strong_people}
    surnames.discard("")
    if not surnames:
        return
    for m in mentions:
        if m.type not in ("PLACE", "NORP?", "GROUP", "MISC") or not m.source.startswith(("spacy", "script")):
            continue
        if " " in m.text or m.text in strong_people or m.text in known_forms or name_key(m.text) not in surnames:
            continue
        if not gazetteer_knows(m.text):
            strong_people.add(m.text)
            m.type = "PERSON"


def _holds_any(offsets: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of offsets has one in ``[start, end)``."""
    i = bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


def repeat_names(mentions: list[Mention], finder: Finder) -> list[Mention]:
    """Every other occurrence of a settled name (full name, surname, given name, place, body) is a mention too."""
    tokens = finder.tokens
    if tokens is None:
        return []
    table: dict[str, dict[tuple[str, ...], str]] = {}
    not_places, address, not_person = finder.rules.not_places, finder.rules.address, finder.rules.not_person
    counts = tokens.word_counts

    def remember(words: list[str], type_: str) -> None:
        if not words or not (words[0][:1].isupper() and words[-1][:1].isupper()):
            return
        if words[0] in finder.rules.titles or words[0] in finder.rules.group_adjective:
            return
        if len(words) == 1 and (words[0] in not_places or words[0] in address or words[0] in not_person):
            return
        if len(words) == 1 and type_ == "PERSON" and common_word(words[0], counts):
            return  # "No" of "Photo No. 3" is not the "No" of every answer
        table.setdefault(words[0], {}).setdefault(tuple(words), type_)

    for m in mentions:
        if m.type not in ("PERSON", "PLACE", "ORG") or m.source.startswith("bibliography:publisher"):
            continue
        first = tokens.by_offset.get(m.start)
        if first is None:
            continue
        last = first
        while last + 1 < len(tokens) and tokens.idx[last + 1] < m.end:
            last += 1
        words = tokens.words[first : last + 1]
        if m.type == "PERSON":
            remember(words, "PERSON")
            if len(words) >= 2:
                remember(words[-1:], "PERSON")
                if len(words[0]) > 2 and words[1] != "." and not words[0].endswith("."):
                    remember(words[:1], "PERSON")
        elif m.type == "PLACE" or (m.type == "ORG" and len(m.text) >= 3):
            remember(words, m.type)
    if not table:
        return []
    covered = sorted((m.start, m.end) for m in mentions)
    cover_starts = [c[0] for c in covered]
    found: list[Mention] = []
    words, n = tokens.words, len(tokens)
    proper = {tokens.code("NNP"), tokens.code("NNPS")}
    numeric = {tokens.code(label) for label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")}
    after = 0  # the first token after the last name found
    lowered = numpy.array(sorted({tokens.code(word.lower()) for word in table}), dtype="int64")
    maybe = tokens.where(in_table(tokens.column("LOWER"), lowered))  # the few tokens that may start a name
    for i in [i for i in maybe if words[i] in table]:
        if i < after:
            continue
        options = table[words[i]]
        if (tokens.sent_start[i] == 1 and tokens.tag[i] not in proper) or tokens.ent_type[i] in numeric:
            continue  # a sentence's first word needs the tagger's word; "May" in a date is no "May Price"
        best: tuple[str, ...] | None = None
        for candidate in options:
            if (best is None or len(candidate) > len(best)) and tuple(words[i : i + len(candidate)]) == candidate:
                best = candidate
        if best is None:
            continue
        last = i + len(best) - 1
        if len(best) == 1 and options[best] == "PERSON" and last + 1 < n and tokens.pos[last + 1] == POS_PROPN:
            if tokens.is_title[last + 1] and not tokens.sent_start[last + 1]:
                continue  # "Władysław" of another full name: a given name before a surname is part of that name
        start, end = tokens.idx[i], tokens.idx[last] + tokens.length[last]
        if options[best] == "PERSON" and i and starts_surname(words[i - 1]):
            start = tokens.idx[i - 1]  # "De Kock" for Hendrik Merkus de Kock
        j = bisect_right(cover_starts, end) - 1
        overlapping = False
        while j >= 0 and covered[j][1] > start:
            if covered[j][0] < end:
                overlapping = True
                break
            j -= 1
        if not overlapping and not finder.is_blocked(start, end):
            found.append(Mention(start, end, options[best], "repeat", PRIORITY_PROPAGATED, finder.text[start:end]))
        after = i + len(best)
    return found


def bare_address(mention: Mention, finder: Finder) -> bool:
    """A person's mention that is only a word of address, a title or another word of ``not_person`` (``Son``,
    ``Uncle``, ``Signora``, ``Marry``, ``Michaelmas``) or a letter alone: no name."""
    if mention.type != "PERSON" or mention.source == "title":
        return False
    text = mention.text.rstrip(".")
    rules = finder.rules
    if " " in text:
        return False
    if len(text) == 1:
        return True  # "Upper Brook Street, London, W.": a letter alone names no one
    return text in rules.address or text in rules.not_person or text in rules.titles or f"{text}." in rules.titles


def article_led_person(mention: Mention) -> bool:
    """A "person" spaCy found that opens with an article (``The Miller of Kalnik``, a heading): no one's name."""
    return mention.type == "PERSON" and mention.source.startswith("spacy") and mention.text.startswith("The ")


def plain_word_misc(mention: Mention) -> bool:
    """A one-word product that is an ordinary capitalised word ("Notes", "Scripts"), not a model name ("V2")."""
    text = mention.text
    if mention.type != "MISC" or mention.source == "script":
        return False
    return " " not in text and text.isalpha() and not text.isupper()
