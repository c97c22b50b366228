"""The citations annotator."""
