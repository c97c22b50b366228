"""The figures annotator."""
