"""Where ``chronologue analyze`` writes: the output format (named, or told by ``-o``'s extension) and each
document's target, all checked before any document is read, so that no input, link, FIFO or device is
overwritten and no directory appears where a file was meant."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from chronologue.export import FORMATS, SUFFIXES

DEFAULT_FORMAT = "json"


class UsageError(Exception):
    """A command line that cannot be carried out as given; the message says what to change."""


def suffix_of(fmt: str) -> str:
    return SUFFIXES[fmt]


def formats_for_name(path: Path) -> list[str]:
    """The formats whose file suffix ends ``path``'s name, only those of the longest such suffix
    (``x.timeline.json`` is timelinejs's, not json's); empty when the extension is no format's."""
    name = path.name.lower()
    matches = [(len(suffix_of(f)), f) for f in FORMATS if name.endswith("." + suffix_of(f).lower())]
    if not matches:
        return []
    longest = max(length for length, _ in matches)
    return [f for length, f in matches if length == longest]


def choose_format(requested: str | None, output: Path | None, into_dir: bool) -> str:
    """The format to write: ``--format`` (any case) if given, else the one ``-o``'s extension names.

    A ``--format`` that another format's extension on ``-o`` contradicts, an extension that names several
    formats, and a file ``-o`` whose extension is no format's are usage errors: guessing would write one format
    into a file named for another."""
    names = {f.lower(): f for f in FORMATS}
    fmt = None
    if requested is not None:
        fmt = names.get(requested.strip().lower())
        if fmt is None:
            raise UsageError(f"unknown format '{requested}': use one of {', '.join(FORMATS)}")
    if output is None or into_dir:
        return fmt or DEFAULT_FORMAT
    implied = formats_for_name(output)
    if fmt is not None:
        if implied and fmt not in implied:
            raise UsageError(
                f"--format {fmt} but -o {output} is named for {' or '.join(implied)}: "
                f"name the file .{suffix_of(fmt)}, or leave out --format"
            )
        return fmt
    if len(implied) == 1:
        return implied[0]
    exact = [f for f in implied if output.name.lower().endswith("." + f)]
    if len(exact) == 1:
        return exact[0]
    if implied:
        raise UsageError(f"-o {output} could be {', '.join(implied)}: say which with --format")
    if not output.suffix:
        return DEFAULT_FORMAT
    raise UsageError(
        f"-o {output}: '{output.suffix}' is no output format's extension: give --format ({', '.join(FORMATS)})"
    )


def writes_into_directory(inputs: list[Path], typed: str | None) -> bool:
    """Whether ``-o`` (as typed: a trailing slash marks a directory) names a directory, one file per input in
    it, rather than the output file.

    Several inputs need a directory; ``-o`` that looks like a file for them (it exists as a file, or has an
    extension) is a usage error rather than a directory made under a file's name."""
    if typed is None:
        if len(inputs) > 1:
            raise UsageError(f"{len(inputs)} inputs need -o DIR/ (one output file per input)")
        return False
    output = Path(typed)
    if typed.endswith(("/", os.sep)) or output.is_dir():
        return True
    if len(inputs) == 1:
        return False
    if output.exists() or output.suffix:
        raise UsageError(
            f"{len(inputs)} inputs but -o {output} names a file: give a directory for their outputs (e.g. out/)"
        )
    return True


def plan_targets(inputs: list[Path], output: Path | None, fmt: str, into_dir: bool) -> list[Path | None]:
    """Where each story goes: stdout (None), the named file, or ``DIR/<input stem>.<suffix>``."""
    if output is None:
        return [None]
    if not into_dir:
        return [output]
    stems = [p.stem for p in inputs]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        raise UsageError(f"inputs share the name {', '.join(clash)}: their outputs would overwrite each other")
    return [output / f"{p.stem}.{suffix_of(fmt)}" for p in inputs]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _existing_ancestor(path: Path) -> Path:
    for parent in path.parents:
        if os.path.lexists(parent):
            return parent
    return Path(".")


def check_not_input(target: Path, inputs: list[Path]) -> None:
    for source in inputs:
        if _same_file(target, source):
            raise UsageError(f"-o {target} is the input {source}: writing there would overwrite the document")


def check_target(target: Path, inputs: list[Path]) -> None:
    """Refuse a target that would overwrite an input or anything but a regular file, or that cannot be
    written, before any work is done."""
    check_not_input(target, inputs)
    if os.path.lexists(target):
        mode = os.lstat(target).st_mode
        if stat.S_ISLNK(mode):
            raise UsageError(f"{target} is a symbolic link: chronologue replaces only regular files; choose another -o")
        if stat.S_ISDIR(mode):
            raise UsageError(f"{target} is a directory: -o names the output file here")
        if not stat.S_ISREG(mode):
            raise UsageError(f"{target} is not a regular file (a FIFO, socket or device): choose another -o")
    ancestor = _existing_ancestor(target)
    if not ancestor.is_dir():
        raise UsageError(f"{ancestor} is a file, so {target} cannot be written under it: choose another -o")
    probe_writable(ancestor)


def probe_writable(directory: Path) -> None:
    """A directory refuses files (read-only, no permission): a usage error now, not after the analysis."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".chronologue-probe.", dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write in {directory} ({exc.strerror}): choose another -o") from None
    os.close(fd)
    os.unlink(probe)


def display_path(path: Path) -> str:
    """How an input is named in what is written: relative to the working directory when it lies under it,
    else by its file name alone, so that no output carries a local absolute path."""
    if not path.is_absolute():
        return os.path.normpath(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return path.name
