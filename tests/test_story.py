"""The story model's helpers."""

from __future__ import annotations


def test_story_entity_lookup_follows_changes_to_the_entity_list() -> None:
    from chronologue.model.story import Entity, Source, Story

    story = Story(source=Source(sha256="0" * 64), text="Anna met Piotr.")
    story.entities.append(Entity(id="e1", type="PERSON", name="Anna"))
    assert story.entity("e1").name == "Anna" and story.entity("e2") is None
    story.entities.append(Entity(id="e2", type="PERSON", name="Piotr"))
    assert story.entity("e2").name == "Piotr"
    story.entities[0].id = "e9"  # renumbered in place
    assert story.entity("e1") is None and story.entity("e9").name == "Anna"
    story.entities = [Entity(id="e1", type="PERSON", name="Maria")]
    assert story.entity("e1").name == "Maria"
    assert "_entity_index" not in story.model_dump()
