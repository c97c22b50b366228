"""The names annotator."""
