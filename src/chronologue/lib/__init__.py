"""Libraries that know no annotator: identity, gazetteer, timex, numbers, credits, bibliography, text spans."""
