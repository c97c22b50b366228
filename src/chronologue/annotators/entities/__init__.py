"""The entities annotator."""
