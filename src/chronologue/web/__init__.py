"""The corpus browser: ``chronologue serve OUT/`` serves a corpus directory offline (standard library only)."""

from chronologue.web.server import make_server

__all__ = ["make_server"]
