"""chronologue: historical narratives -> structured, sourced, checkable stories."""

from chronologue.model.story import SCHEMA_ID, Story
from chronologue.pipeline.run import analyze, analyze_document, analyze_documents, analyze_file

__all__ = ["SCHEMA_ID", "Story", "analyze", "analyze_document", "analyze_documents", "analyze_file"]
__version__ = "0.1.0"
