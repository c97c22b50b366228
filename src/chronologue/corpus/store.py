"""The corpus store: SQLite by default (one file, WAL, FTS5), PostgreSQL by URL (its full-text search).

``open_store(PATH | URL)`` creates or migrates the schema (Alembic, ``corpus/migrations``). ``Store.put`` writes
one analysed document and all its rows in one transaction, replacing an earlier version of the same path, so a
build killed at any point leaves every document either stored whole or not at all. ``Store.resolve`` draws the
cross-document identities again from every stored story (``corpus.resolve``) with the corrections applied.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from chronologue import __version__
from chronologue.corpus import tables as t
from chronologue.corpus.corrections import Fix, apply_to_identities, apply_to_story, check
from chronologue.corpus.model import CorpusEntity
from chronologue.corpus.resolve import resolve
from chronologue.corpus.rows import rows
from chronologue.errors import ChronologueError
from chronologue.lib.identity import parse_person_name
from chronologue.model.story import Story

PREFIX = {"PERSON": "p", "PLACE": "l"}


def database_url(target: str | Path) -> str:
    """The SQLAlchemy URL of a store: a URL as given (``postgresql://`` uses psycopg), else an SQLite file."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).resolve()}"


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


@dataclass(frozen=True)
class Stored:
    """What the store knows of a document's last analysis."""

    id: int
    sha256: str
    pipeline_version: str
    options: str


class Store:
    """One corpus store (see the module doc)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session = sessionmaker(engine, expire_on_commit=False)
        self.dialect = engine.dialect.name

    # --- documents ---------------------------------------------------------------------------------------

    def known(self) -> dict[str, Stored]:
        """Every stored document by path."""
        with self.session() as session:
            found = session.execute(select(t.Document.id, t.Document.path, t.Document.sha256,
                                           t.Document.pipeline_version, t.Document.options))
            return {path: Stored(id_, sha, version, options) for id_, path, sha, version, options in found}

    def put(self, path: str, story: Story, options: str = "{}", title: str | None = None) -> int:
        """Store one document's analysis (replacing an earlier one of the same path) in one transaction."""
        from chronologue.corpus.build import counts

        with self.session.begin() as session:
            fixes = self._fixes(session)
            session.execute(delete(t.Document).where(t.Document.path == path))
            document = t.Document(path=path, sha256=story.source.sha256, format=story.source.format,
                                  title=title, language=story.source.language, pipeline_version=__version__,
                                  options=options, counts=counts(story), story=story.model_dump_json(by_alias=True),
                                  stored_at=datetime.now(UTC).replace(tzinfo=None))
            session.add(document)
            session.flush()
            session.add_all(rows(document.id, apply_to_story(story, path, fixes)))
            return document.id

    def remove(self, path: str) -> None:
        """Forget a document."""
        with self.session.begin() as session:
            session.execute(delete(t.Document).where(t.Document.path == path))

    def stories(self, corrected: bool = True) -> Iterator[tuple[t.Document, Story]]:
        """Every stored document (by path) with its story (with the corrections unless told)."""
        with self.session() as session:
            fixes = self._fixes(session) if corrected else []
            for document in session.scalars(select(t.Document).order_by(t.Document.path)):
                story = Story.model_validate_json(document.story)
                yield document, apply_to_story(story, document.path, fixes) if corrected else story

    def story(self, document_id: int) -> tuple[t.Document, Story] | None:
        """One document and its corrected story, or None."""
        with self.session() as session:
            document = session.get(t.Document, document_id)
            if document is None:
                return None
            story = Story.model_validate_json(document.story)
            return document, apply_to_story(story, document.path, self._fixes(session))

    def count(self, table: type[t.Base]) -> int:
        """How many rows a table holds."""
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(table)) or 0

    # --- identities --------------------------------------------------------------------------------------

    def resolve(self) -> dict[str, int]:
        """Draw the identities again from every stored story, apply the corrections, and store them (one
        transaction). Returns how many people, places and others there are."""
        stored = list(self.stories())
        pairs = [(f"d{document.id}", story) for document, story in stored]
        paths = {f"d{document.id}": document.path for document, _ in stored}
        people, places, others = resolve(pairs)[:3]
        fixes = self.corrections()
        identities = [e for group in (people, places, others) for e in apply_to_identities(group, paths, fixes)]
        with self.session.begin() as session:
            session.execute(delete(t.IdentityMember))
            session.execute(delete(t.Identity))
            numbered: dict[str, int] = {}
            ranked = sorted(enumerate(identities), key=lambda pair: (-pair[1].mentions, pair[0]))
            for rank, (_, entity) in enumerate(ranked):
                prefix = PREFIX.get(entity.type, "o")
                numbered[prefix] = numbered.get(prefix, 0) + 1
                confidence, evidence = _evidence(entity, paths)
                identity_id = f"{prefix}{numbered[prefix]}"
                session.add(t.Identity(id=identity_id, type=entity.type, name=entity.name,
                                       aliases=entity.aliases, mentions=entity.mentions, documents=entity.documents,
                                       confidence=confidence, evidence=evidence, rank=rank,
                                       lat=entity.geo.lat if entity.geo else None,
                                       lon=entity.geo.lon if entity.geo else None))
                session.add_all(t.IdentityMember(identity_id=identity_id, document_id=int(m.document[1:]),
                                                 entity_local_id=m.entity, name=m.name, mentions=m.mentions)
                                for m in entity.members)
        return {kind: numbered.get(prefix, 0) for kind, prefix in (("people", "p"), ("places", "l"),
                                                                   ("others", "o"))}

    def identities_drawn(self) -> bool:
        """Whether identities were drawn since the last document was stored (none stored: nothing to draw)."""
        with self.session() as session:
            last = session.scalar(select(func.max(t.Document.stored_at)))
            drawn = session.scalar(select(func.count()).select_from(t.Identity))
            return last is None or bool(drawn) and not self._stale(session)

    @staticmethod
    def _stale(session: Session) -> bool:
        """Whether a stored document has no identity member yet (stored after the identities were drawn)."""
        members = select(t.IdentityMember.document_id)
        entities = select(t.Entity.document_id)
        return (session.scalar(select(func.count()).select_from(t.Document).where(
            t.Document.id.in_(entities), t.Document.id.not_in(members))) or 0) > 0

    def identity_counts(self) -> dict[str, int]:
        """How many people, places and others the drawn identities hold."""
        with self.session() as session:
            found = dict(session.execute(select(t.Identity.type, func.count()).group_by(t.Identity.type)).all())
        people, places = found.pop("PERSON", 0), found.pop("PLACE", 0)
        return {"people": people, "places": places, "others": sum(found.values())}

    # --- corrections -------------------------------------------------------------------------------------

    @staticmethod
    def _fixes(session: Session) -> list[Fix]:
        return [Fix(kind=c.kind, target=c.target, other=c.other, value=c.value, author=c.author, id=c.id,
                    created_at=c.created_at.isoformat())
                for c in session.scalars(select(t.Correction).order_by(t.Correction.id))]

    def corrections(self) -> list[Fix]:
        """Every correction, oldest first."""
        with self.session() as session:
            return self._fixes(session)

    def correct(self, fix: Fix) -> Fix:
        """Keep a correction and apply it: the rows of its document are written again from the kept story
        (type changes, rejections) and the identities resolved again."""
        check(fix)
        with self.session.begin() as session:
            row = t.Correction(kind=fix.kind, target=fix.target, other=fix.other, value=fix.value,
                               author=fix.author.strip(), created_at=datetime.now(UTC).replace(tzinfo=None))
            session.add(row)
            session.flush()
            kept = Fix(kind=row.kind, target=row.target, other=row.other, value=row.value, author=row.author,
                       id=row.id, created_at=row.created_at.isoformat())
        if fix.kind in ("type", "reject"):
            self._rewrite(fix.target["path"])
        self.resolve()
        return kept

    def _rewrite(self, path: str) -> None:
        with self.session.begin() as session:
            document = session.scalar(select(t.Document).where(t.Document.path == path))
            if document is None:
                return
            for table in (t.Entity, t.Timex, t.Event, t.TimelineStep, t.Quote, t.Claim, t.Figure, t.Citation,
                          t.Finding, t.Passage):
                session.execute(delete(table).where(table.document_id == document.id))
            story = apply_to_story(Story.model_validate_json(document.story), path, self._fixes(session))
            session.add_all(rows(document.id, story))


def _evidence(entity: CorpusEntity, paths: dict[str, str]) -> tuple[float, list[dict]]:
    """How sure the merge is, and what it rests on: the name each document gives."""
    evidence = [{"document": paths.get(m.document, m.document), "name": m.name, "mentions": m.mentions}
                for m in entity.members]
    if len(entity.members) == 1:
        return 1.0, evidence
    if entity.type == "PERSON":
        full = [bool(parse_person_name(m.name).given and parse_person_name(m.name).surname) for m in entity.members]
        return (1.0 if all(full) else 0.7), evidence
    if entity.type == "PLACE" and entity.geo is not None:
        return 1.0, evidence
    return 0.8, evidence


def open_store(target: str | Path) -> Store:
    """The store at ``target`` (a path: SQLite; a URL: that database), its schema created or brought up to
    date. A ChronologueError names the store when it cannot be opened."""
    url = database_url(target)
    if url.startswith("sqlite:///"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        if not folder.is_dir():
            raise ChronologueError("E403", f"{target}: no such directory for the store", "create the folder first")
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ImportError, ValueError) as exc:
        raise ChronologueError("E403", f"{target}: cannot open the store ({exc})",
                               "give a file path or a postgresql:// URL") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    config = Config()
    config.set_main_option("script_location", str(resources.files("chronologue.corpus") / "migrations"))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise ChronologueError("E403", f"{target}: cannot open the store ({exc.orig})",
                               "check the path or URL, and that the database runs") from None
    return Store(engine)


def options_json(dct: str | None, input_format: str | None) -> str:
    """What a story depends on besides its text and the version, as the store keeps it."""
    return json.dumps({"dct": dct, "input_format": input_format}, sort_keys=True)
