"""Pipeline stages: each is ``run(story, ctx) -> None`` and adds one kind of annotation."""
