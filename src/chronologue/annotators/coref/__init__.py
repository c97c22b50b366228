"""The coreference annotator: the document's chains (lib/coref) written into its person entities."""
