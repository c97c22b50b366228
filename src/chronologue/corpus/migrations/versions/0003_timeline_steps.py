"""Timelines as rows: each entity's events in its story's order, so a merged timeline is read without the stories.

Revision ID: 0003
Revises: 0002
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("entity_local_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_local_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_timeline_steps_document_id", "timeline_steps", ["document_id"])
    steps = sa.table("timeline_steps", sa.column("document_id"), sa.column("entity_local_id"), sa.column("position"),
                     sa.column("event_local_id"))
    stored = op.get_bind().execute(sa.text("SELECT id, story FROM documents")).fetchall()
    for document_id, story in stored:  # the documents stored before: their steps from the kept story
        rows = [{"document_id": document_id, "entity_local_id": timeline["entity"], "position": position,
                 "event_local_id": event} for timeline in json.loads(story).get("timelines", [])
                for position, event in enumerate(timeline.get("events", []))]
        if rows:
            op.bulk_insert(steps, rows)


def downgrade() -> None:
    op.drop_index("ix_timeline_steps_document_id", table_name="timeline_steps")
    op.drop_table("timeline_steps")
