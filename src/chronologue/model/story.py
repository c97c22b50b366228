"""The story: the one data model every stage reads and writes (JSON schema ``chronologue.story/1``).

All offsets are Unicode code-point offsets into ``Story.text``, end-exclusive. Dates are ISO 8601 strings;
``earliest``/``latest`` are inclusive day bounds of what the text allows.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_ID = "chronologue.story/1"

EntityType = Literal["PERSON", "PLACE", "ORG", "GROUP", "EVENT", "WORK", "LAW", "MISC"]
Role = Literal["kicker", "title", "lede", "heading", "body", "quote", "caption", "bibliography"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Anchor = Literal["absolute", "narrative", "event", "document"]
QuoteKind = Literal["speech", "writing", "document", "title", "scare"]
Qualifier = Literal["exactly", "about", "more_than", "less_than", "at_least", "at_most", "vague"]
Severity = Literal["info", "warning"]
Basis = Literal["stated", "narrative", "inferred"]
MentionKind = Literal["name", "pronoun", "nominal"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Model):
    start: int
    end: int
    # on an entity's mention only: how the text refers to the entity there (a name, a pronoun, a person noun
    # such as "the old man" or "her mother"); absent elsewhere and on mentions of other than persons
    kind: MentionKind | None = Field(default=None, exclude_if=lambda value: value is None)


class Source(Model):
    path: str | None = None
    sha256: str
    format: Literal["text", "html", "markdown"] = "text"
    language: str = "en"


class Heading(Model):
    text: str
    start: int
    end: int


class Paragraph(Model):
    start: int
    end: int
    role: Role = "body"


class Structure(Model):
    kicker: str | None = None
    title: str | None = None
    lede: Span | None = None
    headings: list[Heading] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)


class Geo(Model):
    lat: float
    lon: float
    source_id: str


class Entity(Model):
    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    geo: Geo | None = None


class Timex(Model):
    id: str
    start: int
    end: int
    type: TimexType
    value: str | None = None
    mod: str | None = None
    edtf: str | None = None
    earliest: str | None = None
    latest: str | None = None
    anchor: Anchor | None = None


class Quote(Model):
    id: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: Span | None = None
    source: str | None = None


class Claim(Model):
    id: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exactly"
    unit: str | None = None
    subject: str | None = None
    time: str | None = None


class License(Model):
    raw: str
    spdx: str | None = None


class Figure(Model):
    id: str
    start: int
    end: int
    caption: Span
    credit: str | None = None
    credit_ref: str | None = None
    license: License | None = None


class Citation(Model):
    id: str
    start: int
    end: int
    author: str | None = None
    author_entity: str | None = None
    title: str | None = None
    work_entity: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: int | None = None


class Participant(Model):
    entity: str
    role: str


class Event(Model):
    id: str
    predicate: str
    trigger: Span
    sentence: Span
    participants: list[Participant] = Field(default_factory=list)
    place: str | None = None
    time: str | None = None
    earliest: str | None = None
    latest: str | None = None
    basis: Basis = "inferred"


class Finding(Model):
    kind: str
    severity: Severity = "info"
    message: str
    spans: list[Span] = Field(default_factory=list)


class Timeline(Model):
    entity: str
    events: list[str] = Field(default_factory=list)


class Story(Model):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    source: Source
    text: str
    structure: Structure = Field(default_factory=Structure)
    entities: list[Entity] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    timelines: list[Timeline] = Field(default_factory=list)
    _entity_index: dict[str, Entity] = PrivateAttr(default_factory=dict)  # entity() look-ups, not serialised
    _entity_shape: tuple[int, int, int, int] = PrivateAttr(default=(0, 0, 0, 0))

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    def snippet(self, start: int, end: int) -> str:
        """The text of a span."""
        return self.text[start:end]

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id (``"e9"``), or None for None or an unknown id.

        Ids are what other parts of the story point with: a quote's ``speaker``, an event participant's
        ``entity``, an event's ``place``, a citation's ``author_entity``. A look-up table, rebuilt when the
        entities changed.

        >>> story.entity("e9").name
        'Pyotr Nikolaevich Palij'
        """
        if entity_id is None:
            return None
        entities = self.entities
        shape = (id(entities), len(entities), id(entities[0]) if entities else 0, id(entities[-1]) if entities else 0)
        found = self._entity_index.get(entity_id) if self._entity_shape == shape else None
        if found is None or found.id != entity_id:  # the list changed, or an id was renumbered in place
            self._entity_index = {e.id: e for e in entities}
            self._entity_shape = shape
            found = self._entity_index.get(entity_id)
        return found

    def speaker(self, quote: Quote | str) -> Entity | None:
        """The entity who speaks or wrote ``quote`` (a Quote of this story or its id), or None when the story
        names no speaker for it. Raises KeyError for a quote id the story does not have.

        >>> story.speaker("q2").name
        'Pyotr Nikolaevich Palij'
        """
        if isinstance(quote, str):
            found = next((q for q in self.quotes if q.id == quote), None)
            if found is None:
                raise KeyError(f"no quote {quote!r} in this story")
            quote = found
        return self.entity(quote.speaker)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a story, as ``chronologue schema`` prints it."""
    schema = Story.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    return schema
