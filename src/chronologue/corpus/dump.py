"""``chronologue corpus export --store S -o OUT``: the store as a corpus directory, as ``corpus -o`` writes it
(``corpus.json``, schema ``chronologue.corpus/1``, and ``stories/<stem>.json``, the stories with the
corrections applied), plus ``corrections.json`` (every correction with who made it and when)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import cast

from chronologue import __version__
from chronologue.corpus import queries
from chronologue.corpus import tables as t
from chronologue.corpus.build import CORPUS_FILE, STORIES, story_names
from chronologue.corpus.model import Corpus, CorpusEntity, CorpusTimeline, DocumentEntry, Member, Options
from chronologue.corpus.store import Store
from chronologue.export import exporter
from chronologue.files import write_atomic
from chronologue.model.story import EntityType, Geo

CORRECTIONS_FILE = "corrections.json"


def _entity(identity: t.Identity, members: list[tuple[t.IdentityMember, t.Document]]) -> CorpusEntity:
    # a located identity has both coordinates; its type was one of the story's entity types
    geo = Geo(lat=identity.lat, lon=cast(float, identity.lon), source_id="store") if identity.lat is not None else None
    return CorpusEntity(id=identity.id, type=cast(EntityType, identity.type), name=identity.name,
                        aliases=identity.aliases,
                        mentions=identity.mentions, documents=identity.documents, geo=geo,
                        members=[Member(document=f"d{m.document_id}", entity=m.entity_local_id, name=m.name,
                                        mentions=m.mentions) for m, _ in members])


def export_store(store: Store, out: Path, formats: Sequence[str] = ()) -> Corpus:
    """Write the corpus directory ``out`` from the store and return its corpus; each story also goes to
    ``stories/<stem>.<suffix>`` in every format of ``formats`` (``tei``, ``timelinejs``, ...)."""
    documents, stories = [], list(store.stories())
    names = story_names([Path(d.path) for d, _ in stories])
    for (document, story), name in zip(stories, names, strict=True):
        story_file = f"{STORIES}/{name}.json"
        write_atomic(out / story_file, exporter("json").render(story))
        for fmt in formats:
            if fmt != "json":
                write_atomic(out / STORIES / f"{name}.{exporter(fmt).SUFFIX}", exporter(fmt).render(story))
        documents.append(DocumentEntry(id=f"d{document.id}", path=document.path, sha256=document.sha256,
                                       format=document.format, title=document.title, story=story_file,
                                       chronologue=document.pipeline_version, counts=document.counts))
    people: list[CorpusEntity] = []
    places: list[CorpusEntity] = []
    others: list[CorpusEntity] = []
    timelines: list[CorpusTimeline] = []
    total = store.count(t.Identity)
    for identity in queries.identities(store, limit=max(total, 1)).items:
        # the identity was listed just above, so it is found
        found = cast(tuple[t.Identity, list[tuple[t.IdentityMember, t.Document]]], queries.identity(store, identity.id))
        entity = _entity(identity, found[1])
        {"PERSON": people, "PLACE": places}.get(identity.type, others).append(entity)
        if identity.type == "PERSON":
            merged = cast(queries.PersonTimeline, queries.timeline(store, identity.id))  # listed, so found
            timelines.append(CorpusTimeline(person=identity.id, events=merged.events))
    options = json.loads(stories[0][0].options) if stories else {}
    corpus = Corpus(chronologue=__version__, options=Options(**options), documents=documents, people=people,
                    places=places, others=others, timelines=timelines)
    write_atomic(out / CORPUS_FILE, json.dumps(corpus.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n")
    fixes = [asdict(f) for f in store.corrections()]
    write_atomic(out / CORRECTIONS_FILE, json.dumps(fixes, ensure_ascii=False, indent=1) + "\n")
    return corpus
