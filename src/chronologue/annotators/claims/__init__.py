"""The claims annotator."""
