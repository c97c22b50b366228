"""The corpus: many stories and who and what they share (JSON schema ``chronologue.corpus/1``).

``OUT/corpus.json`` holds this model; each document's story is beside it in ``OUT/stories/<stem>.json``.
Corpus entities are ids ``p1…`` (people), ``l1…`` (places) and ``o1…`` (organisations, works and the other
named things); each lists the (document, entity id) pairs of the stories it merges.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chronologue.model.story import EntityType, Geo

CORPUS_SCHEMA_ID = "chronologue.corpus/1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Options(Model):
    """What the stories depend on besides the text and the chronologue version."""

    dct: str | None = None
    input_format: str | None = None


class DocumentEntry(Model):
    """One analysed document: where it came from, where its story is, and what it holds."""

    id: str
    path: str
    sha256: str
    format: str
    title: str | None = None
    story: str  # the story JSON, relative to the corpus directory
    report: str | None = None  # the HTML report, relative to the corpus directory
    chronologue: str  # the version that analysed it (a newer one analyses it again)
    counts: dict[str, int] = Field(default_factory=dict)


class Member(Model):
    """One story's entity that a corpus entity merges."""

    document: str
    entity: str
    name: str
    mentions: int


class CorpusEntity(Model):
    """One person, place or other named thing across the documents."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    documents: int = 0
    members: list[Member] = Field(default_factory=list)
    geo: Geo | None = None


class TimelineEntry(Model):
    """One event of a corpus person, from one document."""

    document: str
    event: str
    entity: str  # the person's entity id in that document's story
    predicate: str
    sentence: str
    earliest: str | None = None
    latest: str | None = None
    place: str | None = None  # the place's name as that story gives it
    place_id: str | None = None  # the corpus place (``l1``…)
    basis: str = "inferred"


class CorpusTimeline(Model):
    """The merged timeline of a corpus person: the events of every document, sorted by their bounds."""

    person: str
    events: list[TimelineEntry] = Field(default_factory=list)


class Failure(Model):
    """A document that could not be analysed."""

    path: str
    problem: str


class Corpus(Model):
    """The corpus file, ``OUT/corpus.json``."""

    schema_: str = Field(default=CORPUS_SCHEMA_ID, alias="schema")
    chronologue: str
    options: Options = Field(default_factory=Options)
    documents: list[DocumentEntry] = Field(default_factory=list)
    people: list[CorpusEntity] = Field(default_factory=list)
    places: list[CorpusEntity] = Field(default_factory=list)
    others: list[CorpusEntity] = Field(default_factory=list)
    timelines: list[CorpusTimeline] = Field(default_factory=list)
    failures: list[Failure] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    def document(self, document_id: str) -> DocumentEntry | None:
        """The document with this id, or None."""
        return next((d for d in self.documents if d.id == document_id), None)

    def entity(self, entity_id: str) -> CorpusEntity | None:
        """The corpus entity (person, place or other) with this id, or None."""
        return next((e for e in (*self.people, *self.places, *self.others) if e.id == entity_id), None)

    def timeline(self, person_id: str) -> CorpusTimeline | None:
        """The merged timeline of a corpus person, or None."""
        return next((t for t in self.timelines if t.person == person_id), None)


def corpus_json_schema() -> dict[str, Any]:
    """The JSON Schema of the corpus file, as ``chronologue schema --corpus`` prints it."""
    schema = Corpus.model_json_schema(by_alias=True)
    schema["$id"] = CORPUS_SCHEMA_ID
    return schema
