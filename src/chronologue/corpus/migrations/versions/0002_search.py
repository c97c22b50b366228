"""Full-text search over the passages: FTS5 on SQLite, a generated tsvector with a GIN index on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE = [
    "CREATE VIRTUAL TABLE passages_fts USING fts5(body, folded, content='passages', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN "
    "INSERT INTO passages_fts(rowid, body, folded) VALUES (new.id, new.body, new.folded); END",
    "CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN "
    "INSERT INTO passages_fts(passages_fts, rowid, body, folded) "
    "VALUES ('delete', old.id, old.body, old.folded); END",
]
POSTGRES = [
    "ALTER TABLE passages ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', body || ' ' || folded)) STORED",
    "CREATE INDEX ix_passages_tsv ON passages USING gin (tsv)",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE if dialect == "sqlite" else POSTGRES if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("passages_ai", "passages_ad"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE passages_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX ix_passages_tsv")
        op.execute("ALTER TABLE passages DROP COLUMN tsv")
