"""The story: the one data model every stage reads and writes (JSON schema ``chronologue.story/1``).

All offsets are Unicode code-point offsets into ``Story.text``, end-exclusive. Dates are ISO 8601 strings;
``earliest``/``latest`` are inclusive day bounds of what the text allows.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from chronologue.model.docstrings import describe_fields

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
    # Field descriptions come from the attribute docstrings below, read when a JSON schema is made (not by
    # pydantic's use_attribute_docstrings, which reads them at start-up: chronologue.model.docstrings)
    model_config = ConfigDict(extra="forbid", validate_assignment=False, json_schema_extra=describe_fields)


class Span(Model):
    """A stretch of ``Story.text``."""

    start: int
    """Code-point offset of its first character."""
    end: int
    """Code-point offset just after its last character (end-exclusive)."""
    kind: MentionKind | None = Field(default=None, exclude_if=lambda value: value is None)
    """On a person's mention only: how the text refers to them there (a name, a pronoun, or a person noun such
    as "the old man" or "her mother"); absent elsewhere."""


class Source(Model):
    """Where the text came from."""

    path: str | None = None
    """The input file as given to ``analyze_file`` (the command line names it relative to the working directory,
    or by its name alone when it lies elsewhere: never by a local absolute path), or None for text passed in."""
    sha256: str
    """SHA-256 of the text as read, hex."""
    format: Literal["text", "html", "markdown"] = "text"
    """The reader that made ``Story.text``."""
    language: str = "en"
    """The language the text is in, as identified offline (chronologue.lib.language): an ISO 639 code, or "und"
    when the text is too short or too mixed to tell."""


class Heading(Model):
    """A section heading."""

    text: str
    start: int
    end: int


class Paragraph(Model):
    """A block of the text and the part it plays in the layout."""

    start: int
    end: int
    role: Role = "body"
    """kicker, title, lede, heading, body, quote (a block quotation), caption or bibliography."""


class Structure(Model):
    """The layout: the article's kicker, title, lede, headings and the role of each paragraph."""

    kicker: str | None = None
    """The line above the title (a rubric or series name), if any."""
    title: str | None = None
    lede: Span | None = None
    """The standfirst after the title, if any."""
    headings: list[Heading] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)


class Geo(Model):
    """Where a place is, from the offline gazetteer."""

    lat: float
    lon: float
    source_id: str
    """The gazetteer entry: ``geonames:<id>``, ``admin1:<country>:<region>`` or ``supplement:<id>``."""
    feature: str | None = None
    """What the place is: country, region, city, continent, river, sea, historical_state..."""


class Entity(Model):
    """A person, place, organisation, group, event, work, law or other named thing, with every mention."""

    id: str
    """``e1``, ``e2``, ... (what quotes, events and citations point with)."""
    type: EntityType
    name: str
    """The fullest name the text gives."""
    aliases: list[str] = Field(default_factory=list)
    """Other names and spellings the text uses (transliterations, pet forms, titles with surname)."""
    mentions: list[Span] = Field(default_factory=list)
    """Every place the text refers to it, in text order."""
    attributes: dict[str, Any] = Field(default_factory=dict)
    """What the text tells of it: rank, gender, given name, surname, country, modern name, ..."""
    geo: Geo | None = None
    """For a place the gazetteer knows: its point."""


class Timex(Model):
    """A time expression, normalised (TIMEX3 and EDTF) with the day bounds the text allows."""

    id: str
    """``t1``, ``t2``, ..."""
    start: int
    end: int
    type: TimexType
    value: str | None = None
    """TIMEX3 value: ``1941-07``, ``194`` (a decade), ``1944-FA``, ``BC0218-SP``, ``P1Y``, ``PXM``."""
    mod: str | None = None
    """TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ..."""
    edtf: str | None = None
    """The same in EDTF (Library of Congress)."""
    earliest: str | None = None
    """First day the text allows (ISO 8601; expanded years before AD 1)."""
    latest: str | None = None
    """Last day the text allows."""
    anchor: Anchor | None = None
    """What a relative expression was resolved against: absolute, narrative (the story's time), event, document."""


class Quote(Model):
    """A quotation: speech, writing, a quoted document, a title, or scare quotes."""

    id: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    """Entity id of who said or wrote it; None for an unnamed speaker."""
    speaker_mention: Span | None = None
    """The words that name the speaker (``he``, ``the old officer``, ``Palij``)."""
    source: str | None = None
    """Entity id of the work it is quoted from, if the text names one."""


class Claim(Model):
    """A number the text claims: its value or range, how it is qualified, of what and when."""

    id: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exactly"
    unit: str | None = None
    """``people``, ``percent``, ``fraction``, ``km``, ... as the text counts."""
    subject: str | None = None
    """What is counted, as the text says it."""
    time: str | None = None
    """Timex id of the time the number holds for."""


class License(Model):
    """A picture's licence as written and as an SPDX id."""

    raw: str
    spdx: str | None = None
    """An SPDX licence id (``CC-BY-SA-3.0``) or ``public-domain``."""


class Figure(Model):
    """A picture's caption with its credit and licence."""

    id: str
    start: int
    end: int
    caption: Span
    credit: str | None = None
    """The source as the text names it (archive, agency, photographer), without licence or signature."""
    credit_ref: str | None = None
    """An item signature (``Bild 183-…``)."""
    license: License | None = None


class Citation(Model):
    """A work the text cites, parsed."""

    id: str
    start: int
    end: int
    author: str | None = None
    author_entity: str | None = None
    """Entity id of the author."""
    title: str | None = None
    work_entity: str | None = None
    """Entity id of the work."""
    publisher: str | None = None
    place: str | None = None
    year: int | None = None


class Participant(Model):
    """Who takes part in an event, and how (agent, patient, theme, ...)."""

    entity: str
    role: str


class Event(Model):
    """Something that happened: its predicate, participants, place and day bounds."""

    id: str
    predicate: str
    """The kind of event (``born``, ``captured``, ``escape``, ``land``)."""
    trigger: Span
    """The word that tells of it."""
    sentence: Span
    participants: list[Participant] = Field(default_factory=list)
    place: str | None = None
    time: str | None = None
    """Timex id of its time, when the text dates it."""
    earliest: str | None = None
    latest: str | None = None
    basis: Basis = "inferred"
    """stated (its own date), narrative (the story's time around it) or inferred (from other events)."""


class Finding(Model):
    """Where the text needs an editor: a contradiction, a garbled licence, an unbalanced bracket, ..."""

    kind: str
    severity: Severity = "info"
    message: str
    spans: list[Span] = Field(default_factory=list)


class Timeline(Model):
    """A person's events in time order."""

    entity: str
    events: list[str] = Field(default_factory=list)
    """Event ids, earliest first."""


class Story(Model):
    """What a text says, structured: the contract ``chronologue.story/1``."""

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

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, serialize_by_alias=True, json_schema_extra=describe_fields
    )

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

    def problems(self) -> list[str]:
        """What breaks the contract's own rules (an id used twice, a span outside the text, a reference to an
        id the story does not have); empty for a sound story. See :func:`chronologue.model.check.problems`."""
        from chronologue.model.check import problems

        return problems(self)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a story, as ``chronologue schema`` prints it."""
    schema = Story.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    return schema
