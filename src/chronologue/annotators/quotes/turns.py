"""Conversations: who speaks the lines no verb attributes, from turn-taking, continuations and vocatives.

Lines of dialogue close to each other form a conversation. A line with no attribution of its own continues
its speaker when only that speaker's attribution stands between (``"…," said Anna. "…"``), and otherwise
answers: the speaker is the one the line before addressed by name (``"…, Anna?"``), else the other person of
the conversation. A narrator speaking in the first person (``said I``) takes part like anyone else; when the
others address the narrator by a name the story knows, the narrator's lines go to that person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from chronologue.annotators.quotes.lexicon import lexicon
from chronologue.annotators.quotes.speakers import Speaker
from chronologue.lib.coref.vocabulary import FEMALE, MALE, noun_gender

CONVERSATION_GAP = 300
NARRATOR = "I"
UNNAMED = "unnamed:"
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "it", "we", "you"})
_NAME = (r"((?:(?:Mr|Mrs|Ms|Dr)\.?\s+|(?:Miss|Sir|Lady|Lord|Uncle|Aunt|Captain|Doctor)\s+)?"
         r"[A-Z][\w’'-]+(?:[ \t\n][A-Z][\w’'-]+){0,2})")  # "Alexis Ivanovitch": a name of up to three words
_VOCATIVE = re.compile(
    rf"^{_NAME}(?=\s*[,!?])"  # "Anna, come here" "Anna!" (but not the answer "Anna.")
    rf"|(?:[,;!?]\s*|\b(?:dear|Oh|oh|O)\s+){_NAME}(?=\s*(?:[,!?.;]|$))"  # "Come here, Anna!" "my dear Anna"
)

_OPENING_CALL = re.compile(rf"\s*(?:(?:my|My)\s+(?:dear|dearest|good)\s+|(?:Oh|O|Dear|Dearest)\s+)?{_NAME}\s*[,!?]")


class Line(Protocol):
    start: int
    end: int
    open_at: int | None
    close_at: int | None
    speaker: Speaker | None
    attributed_after: bool


def _key(line: Line, text: str) -> str | None:
    """Who speaks a line, as a participant key: an entity id, NARRATOR, or None when unknown."""
    speaker = line.speaker
    if speaker is None:
        return None
    if speaker.entity:
        return speaker.entity
    if speaker.mention:
        words = text[speaker.mention[0]:speaker.mention[1]]
        if words in ("I", "i"):
            return NARRATOR
        if words.lower() not in PRONOUNS:
            return UNNAMED + words.lower()  # an unnamed person still takes turns
    return None


def _opens_with_call(line: Line, text: str) -> bool:
    """The line's first words call someone by name (``"Anna, …"``, ``"My dear Mr. Bennet, …"``)."""
    return _OPENING_CALL.match(text, line.start, line.end) is not None


def asks(line: Line, text: str) -> bool:
    """The line ends in a question: the next line answers it (``"Gratuity?" hinted Anna. "Spent."``)."""
    return text[line.start:line.end].rstrip(" '\"’”")[-1:] == "?"


def answers(line: Line, text: str) -> bool:
    """The line opens with an answer (``"No, …"``, ``"Well, …"``): it replies to the line before."""
    return lexicon().answer_opening.match(text, line.start, line.end) is not None


def replies(prev: Line, line: Line, text: str) -> bool:
    """The line is the other person's turn: the line before asked, or this one opens with an answer."""
    return asks(prev, text) or answers(line, text)


def _gap(prev: Line, line: Line, text: str) -> str:
    return text[(prev.close_at if prev.close_at is not None else prev.end) + 1:line.open_at or line.start]


def vocatives(line: Line, text: str, name_to_entity: Callable[[str], str | None]) -> list[str]:
    """Entity ids the line addresses by name (``"Come, Anna!"``, ``"My dear Mr. Bennet,"``)."""
    found = []
    inner = text[line.start:line.end]
    for match in _VOCATIVE.finditer(inner):
        entity = name_to_entity(match.group(1) or match.group(2))
        if entity:
            found.append(entity)
    return found


def _pronoun_gender(line: Line, text: str) -> str | None:
    speaker = line.speaker
    if speaker is None or speaker.mention is None:
        return None
    word = text[speaker.mention[0]:speaker.mention[1]].lower()
    return MALE if word == "he" else FEMALE if word == "she" else None


def _sex_fits(unnamed_key: str, entity: str, gender_of: Callable[[str], str | None]) -> bool:
    """An unnamed speaker (``the son``, ``his wife``) may be this person: their sexes do not clash."""
    words = unnamed_key[len(UNNAMED):].split()
    noun = words[-1] if words else ""
    own = noun_gender(noun)
    other = gender_of(entity)
    return own is None or other is None or own == other


def fill_turns(
    lines: Sequence[Line],
    text: str,
    name_to_entity: Callable[[str], str | None],
    gender_of: Callable[[str], str | None],
) -> None:
    """Give unattributed lines of conversations their speakers (in place)."""
    addressed = [vocatives(line, text, name_to_entity) for line in lines]
    keys: list[str | None] = [_key(line, text) for line in lines]
    named_by_answer: dict[str, str] = {}  # an unnamed speaker's key -> the person the conversation shows it is
    last: str | None = None
    other: str | None = None
    cast: list[str] = []  # who took part in the conversation so far, the latest first
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        gap = _gap(prev, line, text) if prev is not None else None
        if gap is None or len(gap) > CONVERSATION_GAP:
            last = other = None
            cast = []
        else:
            pronoun = _pronoun_gender(line, text)
            mine = keys[i]
            if pronoun and (mine is None or gender_of(mine) != pronoun):
                # "he said" in a conversation: the one taking part whose sex fits (of the last two, else the
                # latest of the others)
                fits = [p for p in (last, other) if p and p != NARRATOR and not p.startswith(UNNAMED)
                        and gender_of(p) == pronoun]
                if not fits:
                    fits = [p for p in cast if p != NARRATOR and not p.startswith(UNNAMED)
                            and gender_of(p) == pronoun][:1]
                if len(fits) == 1:
                    keys[i] = fits[0]
        mine = keys[i]
        if mine is not None and mine.startswith(UNNAMED) and gap is not None and len(gap) <= CONVERSATION_GAP:
            # "George, persuade them!" … "It's obvious," said the son: the one called answers, and is the son
            target = next((a for a in addressed[i - 1] if a != keys[i - 1]), None)
            if target is not None and _sex_fits(mine, target, gender_of):
                named_by_answer.setdefault(mine, target)
                keys[i] = target
        if keys[i] is None and gap is not None and len(gap) <= CONVERSATION_GAP:
            narrated = any(ch.isalpha() for ch in gap)
            if narrated and prev is not None and prev.attributed_after and not replies(prev, line, text):
                keys[i] = keys[i - 1]
            else:
                target = next((a for a in addressed[i - 1] if a != keys[i - 1]), None)
                keys[i] = target or (other if other != keys[i - 1] else None)
        key = keys[i]
        if key is not None and key != last:
            other, last = last, key
        if key is not None:
            cast = [key, *(p for p in cast if p != key)]
        called = next((a for a in addressed[i] if a not in (key, last)), None)
        if called is not None:  # the one a line calls by name takes part: "My dear Tom," said his wife
            other = called
    for i in range(len(lines) - 1):  # "Tommy!" "Tuppence, old bean!": the answer names who spoke first
        first = keys[i]
        unnamed = first is not None and first.startswith(UNNAMED)
        if first is not None and not unnamed:
            continue
        gap = _gap(lines[i], lines[i + 1], text)
        narrated = any(ch.isalpha() for ch in gap)
        answer_calls = keys[i + 1] is not None and len(gap) <= CONVERSATION_GAP and _opens_with_call(lines[i + 1], text)
        if narrated and not answer_calls:
            continue  # across narration only an answer that opens by calling someone ("My dear Rose," I answered)
        called = next((a for a in addressed[i + 1] if a != keys[i + 1]), None)
        if called is not None:
            if first is not None:  # unnamed: "said my brother's wife" … "My dear Rose": the wife is Rose
                named_by_answer.setdefault(first, called)
            keys[i] = called
    for i, key in enumerate(keys):
        if key in named_by_answer:
            keys[i] = named_by_answer[key]
    _fill_runs(lines, keys, text)
    narrator = _narrator(lines, keys, addressed, text)
    _not_the_addressee(lines, keys, addressed, narrator, text)
    for line, key in zip(lines, keys, strict=True):
        if key is None:
            continue
        entity = narrator if key == NARRATOR else None if key.startswith(UNNAMED) else key
        current = line.speaker
        if current is not None and current.entity == entity:
            continue
        pronoun = _pronoun_gender(line, text)
        if current is not None and current.mention is not None and pronoun:
            if entity is None or gender_of(entity) in (None, pronoun):  # never "he" for a woman
                line.speaker = Speaker(entity, current.mention)
            continue
        if current is not None and current.entity is None and current.mention is not None and key == NARRATOR:
            line.speaker = Speaker(entity, current.mention)
        elif current is not None and current.entity is None and current.mention is not None and entity:
            line.speaker = Speaker(entity, current.mention)  # an unnamed speaker the answer called by name
        elif current is None or (current.entity is None and current.mention is None):
            line.speaker = Speaker(entity, None)


def _not_the_addressee(
    lines: Sequence[Line], keys: list[str | None], addressed: list[list[str]], narrator: str | None, text: str
) -> None:
    """A line that calls someone by name is not that person's: give it to the other one of the conversation.

    Only lines no name attributes change (a pronoun, the narrator's ``I``, or turn-taking gave them).
    """
    for i, line in enumerate(lines):
        key = keys[i]
        entity = narrator if key == NARRATOR else key
        if entity is None or entity not in addressed[i] or _named(line, text):
            continue
        near = [keys[j] for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(lines)
                and len(_gap(lines[min(i, j)], lines[max(i, j)], text)) <= CONVERSATION_GAP]
        other = next((k for k in near if k is not None and k not in (key, entity)
                      and (narrator if k == NARRATOR else k) not in addressed[i]), None)
        keys[i] = other
        if other is not None:
            line.speaker = None  # the pronoun, ``I`` or turn that gave it was wrong; the new key fills it below


def _named(line: Line, text: str) -> bool:
    """The line's speaker mention is a name (``said Anna``), not a pronoun, ``I`` or a noun phrase."""
    speaker = line.speaker
    if speaker is None or speaker.mention is None:
        return False
    words = text[speaker.mention[0]:speaker.mention[1]]
    return words[:1].isupper() and words not in ("I", "He", "She", "They") and words.lower() not in PRONOUNS


def _fill_runs(lines: Sequence[Line], keys: list[str | None], text: str) -> None:
    """Lines following each other with nothing between alternate: fill a run's gaps from its known turns."""
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and not any(ch.isalpha() for ch in _gap(lines[j - 1], lines[j], text)):
            j += 1
        run = range(i, j)
        by_parity: dict[int, set[str]] = {0: set(), 1: set()}
        for k in run:
            found = keys[k]
            if found is not None:
                by_parity[(k - i) % 2].add(found)
        even, odd = by_parity[0], by_parity[1]
        if len(even) == 1 and len(odd) == 1 and even != odd:
            for k in run:
                if keys[k] is None:
                    keys[k] = next(iter(even if (k - i) % 2 == 0 else odd))
        i = j


def _narrator(lines: Sequence[Line], keys: list[str | None], addressed: list[list[str]], text: str) -> str | None:
    """The entity the others call the first-person narrator by, in conversations the narrator takes part in."""
    votes: Counter[str] = Counter()
    chain: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and (not chain or len(_gap(lines[chain[-1]], lines[i], text)) <= CONVERSATION_GAP):
            chain.append(i)
            continue
        if any(keys[j] == NARRATOR for j in chain):
            for j in chain:
                if keys[j] not in (None, NARRATOR):
                    votes.update(set(addressed[j]) - {keys[j]})
        chain = [i]
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
