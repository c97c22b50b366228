"""What the parse tells of names in one pass over its columns: subjects and owners, people counted or named
as a people, names that are born and die. A part of the candidate
:class:`~chronologue.annotators.entities.finder.Finder`.

Each rule first picks the few tokens it reads with one comparison over a whole column of the parse (numpy), then
reads those tokens one by one."""

from __future__ import annotations

import numpy

from chronologue.annotators.entities.rules import POS_ADJ, Rules, is_country
from chronologue.annotators.entities.spans import Tokens, in_table


class Syntax:
    """Readings of the parse the settling rules ask for (a part of the Finder, which sets these)."""

    tokens: Tokens | None
    rules: Rules

    def subjects(self) -> tuple[list[int], list[int]]:
        """Offsets of tokens that are the subject of a speech verb (``said Turkey``), and of any verb or owner."""
        speakers: list[int] = []
        actors: list[int] = []
        tokens = self.tokens
        if tokens is None:
            return speakers, actors
        nsubj, poss = tokens.code("nsubj"), tokens.code("poss")
        speech = {tokens.code(v) for v in self.rules.speech_verbs}
        deps = tokens.column("DEP")
        for i in tokens.where((deps == nsubj) | (deps == poss)):
            actors.append(tokens.idx[i])
            verb = i + tokens.head[i]
            if tokens.dep[i] != nsubj or tokens.lemma[verb] not in speech:
                continue
            if verb < i or not is_country(tokens.words[i]):
                speakers.append(tokens.idx[i])  # "said Turkey" speaks; "Indonesia declared" is a state
        return speakers, actors

    def living_names(self) -> set[str]:
        """One-word proper names that are the singular subject of a verb only a person is (``was born``, ``died``)."""
        tokens = self.tokens
        if tokens is None:
            return set()
        subject = {tokens.code("nsubj"), tokens.code("nsubjpass")}
        verbs = {tokens.code(v) for v in self.rules.life_verbs}
        singular = tokens.code("NNP")
        deps = tokens.column("DEP")
        named = tokens.where(in_table(deps, numpy.array(sorted(subject), dtype="int64"))
                             & (tokens.column("TAG") == singular))
        return {tokens.words[i] for i in named if tokens.lemma[i + tokens.head[i]] in verbs}

    def collective_names(self) -> set[str]:
        """Nationality words used as the name of a people: after ``the`` as a noun (``the Dutch answered``) or
        counted (``200,000 Javanese died``). A surname spaCy took for a nationality is used neither way."""
        tokens = self.tokens
        if tokens is None:
            return set()
        norp, nummod = tokens.code("NORP"), tokens.code("nummod")
        modifier = {tokens.code("amod"), tokens.code("compound")}
        dates = {tokens.code("DATE"), tokens.code("TIME")}
        words, found = tokens.words, set()
        for i in tokens.where((tokens.column("DEP") == nummod) | (tokens.column("ENT_TYPE") == norp)):
            dep = tokens.dep[i]
            counted = i + tokens.head[i]
            if dep == nummod and tokens.ent_type[counted] == norp and tokens.ent_type[i] not in dates and i < counted:
                found.add(words[counted])  # not "On 23 October 1956 Ilona stood", where the parse counts Ilona
            elif (tokens.ent_type[i] == norp and i and words[i - 1].lower() == "the" and dep not in modifier
                  and tokens.pos[i] != POS_ADJ):
                found.add(words[i])
        return found
