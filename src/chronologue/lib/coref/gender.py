"""The sex of person entities, guessed once per document for every annotator: ``"female"``, ``"male"`` or None.

In order: a title of one sex the person bears in its own mentions, again and again and never one of the other
sex ("Mr. Darcy" two hundred times is a man, however often "her" follows his name: the woman he talks to); what
the pronouns right after the person's mentions in the narration say by a clear margin (what the text says of the
person outweighs a title guessed for a whole cluster); what the entity stage recorded; a title
among the person's names ("Mrs.", "Sir"); a title or a kinship word next to a mention ("Madame X", "his wife,
X"); a given name of known sex (the identity module's given names, pet forms included); a gendered surname
ending ("-ska", "-ova" / "-ski", "-ov"); last, the pronouns after the mentions by any margin. Tables in
``data/event_gender.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from chronologue.lib.coref.vocabulary import (
    FEMALE,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE,
    MALE_PRONOUNS,
    MALE_TITLES,
    Gender,
)
from chronologue.lib.identity.given_names import given_gender
from chronologue.model.story import Entity
from chronologue.rules import cached
from chronologue.rules import load as load_rules

# How far before and after a mention a title or a kinship word is looked for.
CUE_REACH = 30
# How far after a mention the pronoun vote looks (it stops earlier at the next name).
VOTE_REACH = 90
# How many of a person's own mentions must carry a title of one sex (and none of the other) to settle it.
OWN_TITLES = 2
# How many mentions of a person the cues and votes look at.
CUE_MENTIONS = 20
VOTE_MENTIONS = 30
_QUOTE_CHARS = re.compile(r"[\"“”„«»‘’]")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


@dataclass(frozen=True)
class GenderCues:
    """Look-up tables of gender cues."""

    titles: dict[str, Gender]
    roles: dict[str, Gender]
    endings: tuple[tuple[str, Gender], ...]  # longest first
    before: re.Pattern[str]
    after: re.Pattern[str]


def _table(rows: list[dict]) -> dict[str, Gender]:
    return {word: row["gender"] for row in rows for word in row["words"]}


@cached
def cues() -> GenderCues:
    """The gender cues, read once per process."""
    data = load_rules("event_gender")
    titles, roles = _table(data.get("title", [])), _table(data.get("role", []))
    endings = tuple(sorted(_table(data.get("ending", [])).items(), key=lambda pair: -len(pair[0])))
    words = "|".join(sorted(map(re.escape, {*titles, *roles}), key=len, reverse=True))
    return GenderCues(
        titles=titles,
        roles=roles,
        endings=endings,
        before=re.compile(rf"\b({words})\.?,?\s*$", re.IGNORECASE),
        after=re.compile(rf"^,\s*(?:the|a|an|his|her|their)?\s*({'|'.join(map(re.escape, roles))})\b", re.IGNORECASE),
    )


def _sex(word: str) -> Gender | None:
    """``"female"`` or ``"male"`` as the vocabulary's type, else None."""
    return FEMALE if word == FEMALE else MALE if word == MALE else None


def _from_name(name: str, table: GenderCues) -> Gender | None:
    words = name.split()
    if not words:
        return None
    if len(words) > 1 and given_gender(words[0]):
        return _sex(given_gender(words[0]))
    last = words[-1].casefold()
    if len(last) > 3:
        for ending, gender in table.endings:
            if last.endswith(ending):
                return gender
    return None


def guess(entity: Entity, text: str) -> Gender | None:
    """What the names and the words next to the mentions tell of a person's sex (no pronoun votes)."""
    stated = entity.attributes.get("gender")
    if stated in (FEMALE, MALE):
        return stated
    table = cues()
    for mention in entity.mentions[:CUE_MENTIONS]:
        found = table.before.search(text, max(0, mention.start - CUE_REACH), mention.start)
        if found is None:
            found = table.after.match(text[mention.end:mention.end + CUE_REACH])
        if found is not None:
            word = found.group(1).casefold()
            return table.titles.get(word) or table.roles.get(word)
    given = entity.attributes.get("given")
    if isinstance(given, str) and given_gender(given):
        return _sex(given_gender(given))
    return _from_name(entity.name, table)


class Genders:
    """The sex of each entity of one document, guessed on first ask and kept."""

    def __init__(
        self,
        entities: dict[str, Entity],
        text: str,
        mention_starts: list[int],
        narration: Callable[[int], bool],
    ) -> None:
        """``mention_starts``: the sorted starts of every entity mention (a vote window ends at the next name);
        ``narration``: False inside quotations (a name called there is not talked about)."""
        self.entities = entities
        self.text = text
        self.mention_starts = mention_starts
        self.narration = narration
        self._known: dict[tuple[str, bool], Gender | None] = {}

    def __call__(self, entity_id: str) -> Gender | None:
        return self.of(entity_id)

    def of(self, entity_id: str, weak: bool = True) -> Gender | None:
        """``"female"``, ``"male"`` or None for an entity; ``weak`` False: without the last resort of a pronoun
        vote by a margin of one (``"X rose over the valley. She moved"`` says little of X)."""
        key = (entity_id, weak)
        if key in self._known:
            return self._known[key]
        entity = self.entities.get(entity_id)
        found: Gender | None = None
        if entity is not None:
            found = (self._own_title(entity) or self._vote(entity, decisive=True) or self._stated(entity)
                     or self._titled(entity))
            if found is None:
                found = guess(entity, self.text) or (self._vote(entity) if weak else None)
        self._known[key] = found
        return found

    @staticmethod
    def _stated(entity: Entity) -> Gender | None:
        stated = entity.attributes.get("gender")
        return stated if stated in (FEMALE, MALE) else None

    def _own_title(self, entity: Entity) -> Gender | None:
        """The sex of the titles the person's own mentions open with, when they are all of one sex and recur."""
        counts: Counter[Gender] = Counter()
        for m in entity.mentions:
            first = self.text[m.start:m.end].split(maxsplit=1)
            if len(first) == 2:  # a title before a name, not a pronoun or a lone word
                word = first[0].lower()
                if word in MALE_TITLES:
                    counts[MALE] += 1
                elif word in FEMALE_TITLES:
                    counts[FEMALE] += 1
        if len(counts) == 1:
            sex, seen = counts.most_common(1)[0]
            return sex if seen >= OWN_TITLES else None
        return None

    def _titled(self, entity: Entity) -> Gender | None:
        text = self.text
        words = [entity.name, *entity.aliases, *(text[m.start:m.end] for m in entity.mentions[:CUE_MENTIONS])]
        firsts = Counter(w.split()[0].lower() for w in words if w.split())
        if any(f in MALE_TITLES for f in firsts):
            return MALE
        if any(f in FEMALE_TITLES for f in firsts):
            return FEMALE
        return None

    def _vote(self, entity: Entity, decisive: bool = False) -> Gender | None:
        """The sex the pronouns after the mentions give; ``decisive``: only by a margin of two or more."""
        votes: Counter[str] = Counter()
        text = self.text
        starts = self.mention_starts
        for m in entity.mentions[:VOTE_MENTIONS]:
            if not self.narration(m.start):  # "…, Jock?" inquired his mother: a name called, not talked about
                continue
            following = bisect_right(starts, m.end)  # the window ends at the next name: "Sándor was taken away
            # and Ilona stayed with her mother": her is Ilona's
            stop = min(m.end + VOTE_REACH, starts[following] if following < len(starts) else m.end + VOTE_REACH)
            window = _QUOTE_CHARS.split(text[m.end:stop].lower(), 1)[0]
            words = window.replace(",", " ").replace(".", " . ").split()
            opens_sentence = _SENTENCE_OPEN.search(text, max(0, m.start - 3), m.start) is not None or m.start == 0
            for k, word in enumerate(words):
                if word == ".":  # the next sentence may go on about its subject: "Anna left. She …"
                    nxt = words[k + 1] if k + 1 < len(words) else ""
                    if opens_sentence and nxt in ("he", "she"):
                        votes[MALE if nxt == "he" else FEMALE] += 1
                    break
                if word in MALE_PRONOUNS:
                    votes[MALE] += 1
                    break
                if word in FEMALE_PRONOUNS:
                    votes[FEMALE] += 1
                    break
        margin = 2 if decisive else 1
        if votes[MALE] >= votes[FEMALE] + margin:
            return MALE
        if votes[FEMALE] >= votes[MALE] + margin:
            return FEMALE
        return None
