"""All output files are written through here: a temporary file beside the target, then a rename,
so a crash or Ctrl-C never leaves a half-written output where a user (or a triple store) reads it.
A target whose name ends in ``.gz`` is written gzip-compressed, with no time stamp or file name
in its header, so the same content always gives the same bytes.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

#: zlib's default: within a few per cent of the smallest output, several times faster than 9.
GZIP_LEVEL = 6


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target` in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w",
                encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces `target` only if the block succeeds.
    Compressed when `target` ends in .gz."""
    if "b" in mode:
        encoding = None
    if not str(target).endswith(".gz"):
        with atomic_path(target) as tmp, open(tmp, mode, encoding=encoding,
                                              newline=newline) as fh:
            yield fh
        return
    with atomic_path(target) as tmp, open(tmp, "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                          compresslevel=GZIP_LEVEL) as packed:
        if "b" in mode:
            yield packed
        else:
            with io.TextIOWrapper(packed, encoding=encoding, newline=newline) as fh:
                yield fh


def write_text(target: str | os.PathLike[str], text: str) -> None:
    with atomic_open(target, "w", newline="\n") as fh:
        fh.write(text)
