"""The times annotator."""
