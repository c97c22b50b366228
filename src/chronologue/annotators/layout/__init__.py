"""The layout annotator."""
