"""The findings annotator."""
