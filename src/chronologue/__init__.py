"""chronologue: historical narratives -> structured, sourced, checkable stories."""

from .pipeline import analyze, analyze_document, analyze_documents, analyze_file
from .story import SCHEMA_ID, Story

__all__ = ["SCHEMA_ID", "Story", "analyze", "analyze_document", "analyze_documents", "analyze_file"]
__version__ = "0.1.0"
