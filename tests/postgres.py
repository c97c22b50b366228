"""A throwaway PostgreSQL server for tests (Debian's ``postgresql`` binaries): a new cluster in a temporary
directory, listening on a free loopback port only, run by an unprivileged user when the tests run as root
(``initdb`` refuses root), stopped and removed afterwards."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

USER = "nobody"


def binaries() -> Path | None:
    """The folder of the newest installed PostgreSQL server's programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", USER, "--", *command]


@contextlib.contextmanager
def server() -> Iterator[str]:
    """Start a server and yield its URL (database ``postgres``, superuser ``chronologue``, no password)."""
    bin_dir = binaries()
    root = Path(tempfile.mkdtemp(prefix="chronologue-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        entry = pwd.getpwnam(USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    run = {"check": True, "capture_output": True, "timeout": 120}
    try:
        subprocess.run(_as_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "chronologue", "--auth=trust",
                                 "--encoding=UTF8", "--locale=C.UTF-8"]), **run)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
        subprocess.run(_as_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                 str(root / "log"), "-w", "start"]), **run)
        try:
            yield f"postgresql://chronologue@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(_as_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                           check=False, capture_output=True, timeout=60)
    finally:
        shutil.rmtree(root, ignore_errors=True)
