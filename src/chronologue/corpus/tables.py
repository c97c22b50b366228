"""The corpus store's tables (SQLAlchemy 2): documents and every annotation of their stories, the passages
full-text search runs over, the cross-document identities, and the curators' corrections.

A document's rows are written in one transaction with the document (``store.Store.put``); its story JSON is kept
as analysed (``documents.story``), and the annotation rows are that story with the corrections applied, so a new
correction rewrites them from the kept story. Dates are kept as written (ISO 8601, years before 1 AD with a
sign) and as day numbers (``earliest_day``/``latest_day``, ``timex.calendar``) for range queries, BC included.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _document_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(4096), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    pipeline_version: Mapped[str] = mapped_column(String(32))
    options: Mapped[str] = mapped_column(Text, default="{}")  # what else the story depends on (JSON)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    story: Mapped[str] = mapped_column(Text)  # the story JSON as analysed, before corrections
    stored_at: Mapped[datetime] = mapped_column()


class Entity(Base):
    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_source: Mapped[str | None] = mapped_column(String(64))
    mention_rows: Mapped[list[Mention]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    __table_args__ = (Index("ix_entities_lat_lon", "lat", "lon"),)


class Mention(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class _Dated:
    earliest: Mapped[str | None] = mapped_column(String(16))
    latest: Mapped[str | None] = mapped_column(String(16))
    earliest_day: Mapped[int | None] = mapped_column(Integer, index=True)
    latest_day: Mapped[int | None] = mapped_column(Integer, index=True)


class Timex(_Dated, Base):
    __tablename__ = "timexes"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(String(64))
    edtf: Mapped[str | None] = mapped_column(String(64))


class Event(_Dated, Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    predicate: Mapped[str] = mapped_column(String(64), index=True)
    sentence: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    participants: Mapped[list] = mapped_column(JSON, default=list)  # [{"entity": local id, "role": ...}]
    place: Mapped[str | None] = mapped_column(String(32))  # the place's local entity id
    basis: Mapped[str] = mapped_column(String(16))


class TimelineStep(Base):
    """One event of an entity's timeline in its story (``story.timelines``), in the story's order."""

    __tablename__ = "timeline_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    entity_local_id: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    event_local_id: Mapped[str] = mapped_column(String(32))


class Quote(Base):
    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)


class Claim(Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(32))
    time: Mapped[str | None] = mapped_column(String(32))


class Figure(Base):
    __tablename__ = "figures"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    caption: Mapped[str] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(Text)
    license: Mapped[str | None] = mapped_column(Text)


class Citation(Base):
    __tablename__ = "citations"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    author: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)


class Finding(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    kind: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)


class Passage(Base):
    """A piece of text that full-text search finds: a paragraph, a quote, a name or a caption."""

    __tablename__ = "passages"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    kind: Mapped[str] = mapped_column(String(16))  # text | quote | name | caption
    ref: Mapped[str | None] = mapped_column(String(32))  # the annotation's local id (names, quotes, captions)
    start: Mapped[int | None] = mapped_column(Integer)  # where in the text (names: nowhere in particular)
    end: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text, default="")  # names folded to one script and spelling (Орлов: orlov)


class Identity(Base):
    """A person, place or other named thing across documents (``corpus.resolve``), with the corrections."""

    __tablename__ = "identities"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # p1…, l1…, o1…
    type: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer, index=True)


class IdentityMember(Base):
    __tablename__ = "identity_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[str] = mapped_column(ForeignKey("identities.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = _document_fk()
    entity_local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    mentions: Mapped[int] = mapped_column(Integer, default=0)


class Correction(Base):
    """A curator's override, applied whenever the documents are analysed or the identities resolved again.

    ``kind``: merge (``target`` and ``other`` are members), split (``target`` leaves its identity), type
    (``value`` the new type), pin (``value`` {"lat", "lon"}), reject (``target`` an annotation: entity, event,
    quote, claim or timex). A member is {"path", "name"} (a document and an entity's name in it); an annotation
    is {"path", "kind", "id"}.
    """

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[dict] = mapped_column(JSON)
    other: Mapped[dict | None] = mapped_column(JSON)
    value: Mapped[dict | None] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column()
