"""The reference article: the protagonist's timeline as the evaluation scores it, and what the table shows."""

from __future__ import annotations

import pytest

from chronologue.annotators.events.dates import midpoint, parse_day
from chronologue.timeline_view import find_person

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def timeline_scores(reference_scores):
    return reference_scores


def test_timeline_events_and_order_meet_the_target(timeline_scores) -> None:
    events, order = timeline_scores["timeline events"], timeline_scores["timeline order"]
    assert events["hit"] >= 6, events["misses"]
    assert order["hit"] == 1, order["misses"]


def test_the_protagonists_timeline_is_in_time_order_with_bounds(reference_story) -> None:
    person = find_person(reference_story, None)
    timeline = next(t for t in reference_story.timelines if t.entity == person.id)
    events = {e.id: e for e in reference_story.events}
    dated = [events[v] for v in timeline.events if events[v].earliest and events[v].latest]
    assert len(dated) >= 8
    middles = [midpoint(parse_day(e.earliest), parse_day(e.latest)) for e in dated]
    assert middles == sorted(middles)
    assert [e.predicate for e in dated][:1] == ["imprison"]  # the retrospect of the 1930s comes first
