"""One package per annotation kind, each a registered stage plus its engine."""
