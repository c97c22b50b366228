"""Annotators as registered components: order checked, third-party annotators added without touching chronologue."""

from __future__ import annotations

import sys
import textwrap

import pytest

import chronologue
from chronologue.model.story import Finding, Span
from chronologue.pipeline import builtin
from chronologue.pipeline.registry import Annotator, PipelineError, Registry, from_entry_points

SHIPS = "The steamer Orion left Odessa in May 1905 with 300 passengers."


def test_the_builtin_order_satisfies_every_declaration():
    rows = builtin.builtin_registry().analyze()
    assert [r["name"] for r in rows] == [
        "layout", "figures", "entities", "names", "places", "times", "quotes", "claims", "citations", "events",
        "findings", "coref",
    ]  # fmt: skip
    assert all(not r["missing"] for r in rows)
    assert [r["name"] for r in rows if not r["parse"]] == ["layout", "figures"]


def test_an_annotator_that_reads_what_nothing_before_it_writes_is_refused():
    registry = builtin.builtin_registry()
    early = Annotator("early", lambda story, ctx: None, requires=("story.quotes",), before="quotes")
    with pytest.raises(PipelineError) as caught:
        registry.add(early)
    assert "'early' requires story.quotes" in caught.value.problem
    with pytest.raises(PipelineError):
        builtin.builtin_registry().without("names")  # places, quotes, ... need the entities it writes
    with pytest.raises(PipelineError):
        Registry().add(Annotator("a", lambda s, c: None)).add(Annotator("a", lambda s, c: None))


def _ship_finder(story, ctx):
    """A third-party annotator: every 'steamer X' is a finding (it reads the parse and the entities)."""
    for token in ctx.doc:
        if token.lower_ == "steamer" and token.i + 1 < len(ctx.doc):
            name = ctx.doc[token.i + 1]
            span = Span(start=name.idx, end=name.idx + len(name))
            story.findings.append(Finding(kind="ship", message=f"ship {name.text}", spans=[span]))


def test_a_registered_annotator_runs_after_the_one_it_names_and_writes_the_story():
    ships = Annotator("ships", _ship_finder, requires=("ctx.doc", "story.entities"), assigns=("story.findings",),
                      after="names")  # fmt: skip
    registry = builtin.builtin_registry().add(ships)
    assert registry.names().index("ships") == registry.names().index("names") + 1
    story = chronologue.analyze(SHIPS, registry=registry)
    assert [(f.kind, f.message, story.snippet(f.spans[0].start, f.spans[0].end)) for f in story.findings] == [
        ("ship", "ship Orion", "Orion")
    ]
    assert not [f for f in chronologue.analyze(SHIPS).findings if f.kind == "ship"]  # the default is untouched


def test_an_installed_package_adds_an_annotator_through_its_entry_point(tmp_path, monkeypatch):
    """A real distribution on sys.path (dist-info with entry_points.txt), found by importlib.metadata."""
    package = tmp_path / "shipfinder"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            from chronologue.model.story import Finding
            from chronologue.pipeline.registry import Annotator

            def _run(story, ctx):
                story.findings.append(Finding(kind="ship-count", message=str(story.text.count("steamer"))))

            ANNOTATOR = Annotator("shipfinder", _run, assigns=("story.findings",))
            """
        ),
        encoding="utf-8",
    )
    dist = tmp_path / "shipfinder-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shipfinder\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[chronologue.annotators]\nshipfinder = shipfinder:ANNOTATOR\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(builtin, "_default", None)
    story = chronologue.analyze(SHIPS)
    assert [(f.kind, f.message) for f in story.findings if f.kind == "ship-count"] == [("ship-count", "1")]
    assert builtin.default_registry().names()[-1] == "shipfinder"
    monkeypatch.setattr(builtin, "_default", None)
    sys.modules.pop("shipfinder", None)


def test_an_entry_point_that_names_no_annotator_is_a_clear_error():
    class Point:
        name, value = "broken", "broken:THING"

        def load(self):
            return 42

    with pytest.raises(PipelineError) as caught:
        from_entry_points(Registry(), [Point()])
    assert "'broken' (broken:THING) is no Annotator" in caught.value.problem


def test_annotator_config_reaches_the_annotator_by_name():
    seen = []
    spy = Annotator("spy", lambda story, ctx: seen.append(ctx.config.get("spy")))
    chronologue.analyze("A short text.", registry=builtin.builtin_registry().add(spy), config={"spy": {"depth": 2}})
    assert seen == [{"depth": 2}]
