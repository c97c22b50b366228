"""Tables built ahead of time from slow-to-read sources, so that a fresh process starts fast.

Some data chronologue reads at its first document is slow to read in the form it ships in: py3langid's model is
an LZMA-compressed archive, the gazetteer index a gzip of delta-coded arrays, the rule files TOML, the time
tagger's rule patterns to expand and read, the gazetteer's table of areas a TSV whose every row makes a candidate,
the given names a table whose every name is folded. The install (``./scripts/install.sh``, which calls
:func:`main`) writes each of them once in a form that opens at once: plain arrays, memory-mapped (pages are read
when touched, and shared by every process that maps them), or a pickle.

Each table lives in its own directory under :func:`directory` with a stamp naming its sources (path, size,
modification time) and the layout of the files its owner writes. A table is used only while its stamp matches its
sources as they are now; otherwise (never built, a source edited or replaced, another layout) its owner reads the
sources as before. So a missing or stale table costs time, never a different result.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from chronologue.data import DATA_DIR

PREBUILT_ENV = "CHRONOLOGUE_PREBUILT"  # another directory for the tables (tests build theirs in a scratch one)
STAMP_FILE = "STAMP.json"

# table -> "module:function" that builds it into the directory it is given (imported only to build)
BUILDERS: dict[str, str] = {
    "langid": "chronologue.lib.language:prebuild",
    "gazetteer": "chronologue.lib.gazetteer.index:prebuild",
    "areas": "chronologue.lib.gazetteer.areas:prebuild",
    "rules": "chronologue.rules.loader:prebuild",
    "timex": "chronologue.lib.timex.patterns:prebuild",
    "given_names": "chronologue.lib.identity.given_names:prebuild",
}


def directory() -> Path:
    """Where the tables are: ``$CHRONOLOGUE_PREBUILT``, else ``prebuilt/`` beside the packaged data."""
    return Path(os.environ.get(PREBUILT_ENV) or DATA_DIR / "prebuilt")


def stamp(sources: Iterable[Path], layout: int) -> dict[str, object]:
    """What a table was built from: each source's name, size and modification time, and the files' layout."""
    files = []
    for path in sources:
        status = path.stat()
        files.append([str(path), status.st_size, status.st_mtime_ns])
    return {"layout": layout, "sources": files}


def find(name: str, sources: Iterable[Path], layout: int) -> Path | None:
    """The directory of table ``name`` when it was built from ``sources`` as they are now, in ``layout``; else
    ``None`` (the caller reads the sources)."""
    folder = directory() / name
    try:
        written = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
        return folder if written == stamp(sources, layout) else None
    except (OSError, ValueError):
        return None


def build(name: str, sources: Iterable[Path], layout: int, write: Callable[[Path], None]) -> Path:
    """Build table ``name``: ``write`` fills a new directory, which then replaces the old one whole (a reader
    never sees a half-written table)."""
    made = stamp(sources, layout)  # before reading them: a source changed while building leaves a stale stamp
    root = directory()
    root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=root))
    try:
        umask = os.umask(0)
        os.umask(umask)
        scratch.chmod(0o777 & ~umask)  # as a plain mkdir would make it, not mkdtemp's 0700
        write(scratch)
        (scratch / STAMP_FILE).write_text(json.dumps(made), encoding="utf-8")
        target = root / name
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{name}.old.", dir=root))
            os.replace(target, old / name)
            shutil.rmtree(old)
        os.replace(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return target


def build_all() -> list[Path]:
    """Build every table (the install does)."""
    built = []
    for target in BUILDERS.values():
        module, _, function = target.partition(":")
        built.append(getattr(importlib.import_module(module), function)())
    return built


def main() -> int:
    for path in build_all():
        sys.stderr.write(f"built {path}\n")
    return 0
