"""Corpus store and batch engine."""
