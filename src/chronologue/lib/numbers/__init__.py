"""Numbers as texts write them, and the words that qualify a claimed number."""
