"""The places annotator."""
