"""Runs the registered annotators over a document.

``registry`` (annotators declare what they read and write), ``context`` (the typed hand-offs between them),
``run`` (the public ``analyze`` functions)."""
