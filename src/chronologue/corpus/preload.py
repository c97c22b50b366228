"""Imported by the local worker processes' fork server: loads chronologue and the spaCy model once, so that
every worker forked from it starts with both in memory (copy-on-write) instead of loading its own."""

from __future__ import annotations

from chronologue.corpus.engine import warm

warm()
