"""User text: read from an option, split into tags, shown on one safe line (terminal or table cell)."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterable
from typing import TextIO

TAG_SEPARATOR = ","
"""The one separator of tags typed in one value: ``--feel hopeful,tired``, the app's own-tags field.

Only the comma: a tag itself may hold spaces ("job fair"), and tags may hold no
comma (nor '|', which the CSV export uses between tags), so a comma always
separates.
"""


def split_tags(values: Iterable[str]) -> list[str]:
    """Tags from repeated options and comma-separated lists alike, in order.

    Each part is stripped and empty parts are dropped, so ``("a, b", "", "c,")``
    gives ``["a", "b", "c"]``; checking and lower-casing are the models' job
    (:func:`rebound_tui.core.models.clean_tags`).
    """
    return [part.strip() for value in values for part in value.split(TAG_SEPARATOR) if part.strip()]


def text_or_stdin(value: str | None, stdin: TextIO | None = None) -> str | None:
    """The text of a text option, where ``-`` means "read it from standard input" (for long notes)."""
    if value == "-":
        return (stdin or sys.stdin).read()
    return value


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder the text after them on screen (Trojan Source).
The marks (LRM, RLM, ALM) only nudge one spot and stay: right-to-left writers use them."""

_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as '␛'
    if code == 0x7F:
        return "\u2421"  # '␡'
    return "\ufffd"  # a C1 control or a bidi control: '�'


def visible(text: str) -> str:
    """``text`` safe to show on a terminal or in any widget: line breaks and tabs kept, nothing hidden.

    C0 and C1 control characters (escape sequences, a screen clear, an OSC 52 clipboard
    write, a lone carriage return that would overwrite the line) become visible
    placeholders ('␛', '␍', '�'), and so do the bidi controls that reorder what follows
    them. ``\r\n`` becomes ``\n``. The one function every view of user text goes through:
    the TUI's widgets, the command line and the exports that may reach a terminal.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(_placeholder, text)


def escape_for_json(text: str) -> str:
    """JSON text with C1 controls, DEL and bidi controls written as ``\\uXXXX`` escapes.

    They can only occur inside JSON strings, so the document means exactly the same
    (a round trip is exact), but it no longer drives a terminal it is printed to.
    C0 controls are escaped by ``json.dumps`` already.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str, width: int | None = None) -> str:
    """Fold whitespace and drop control characters (escape sequences), so user text
    printed by the command line cannot move the cursor, recolour or retitle the terminal,
    and a table row stays one row. With ``width``, longer text is cut to fit, ending in '…'.
    """
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if width is None or len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)] + "…"


_OS_ERROR_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the file system is read-only",
    errno.EIO: "the disk reported an input/output error",
}


def os_error_line(exc: OSError) -> str:
    """One line for a failed file operation, naming the file (when known) and the cause in plain words.

    ``ENOSPC`` (full disk), ``EFBIG`` (file-size limit), ``EACCES``, ``EIO`` and the
    like are said the way a person would; anything else by the system's own words.
    Without a file name (a write to standard output or to a file already open) it
    adds that the data file keeps its last saved state: every save is atomic.
    """
    reason = _OS_ERROR_REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()
    if exc.filename is not None:
        return f"cannot use {one_line(os.fsdecode(exc.filename))}: {reason}"
    return f"could not write: {reason} (the data file keeps its last saved state)"


EXIT_PIPE_CLOSED = 141
"""Exit status when the reader of standard output went away (``| head``), as a shell reports SIGPIPE."""


def os_error_exit(exc: OSError, stderr: TextIO | None = None) -> int:
    """Say why a file operation failed on one line of stderr and return the exit status (2).

    When standard output itself cannot be written (``> /dev/full``, a closed pipe),
    it is pointed at ``/dev/null`` so the interpreter's last flush cannot print a
    traceback after this line; a closed pipe (``| head``) ends quietly.
    """
    if exc.errno == errno.EPIPE or not _stdout_flushes():
        silence_stdout()
        if exc.errno == errno.EPIPE:
            return EXIT_PIPE_CLOSED
    print(f"rebound-tui: {os_error_line(exc)}", file=stderr or sys.stderr)
    return 2


def _stdout_flushes() -> bool:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        return False
    return True


def silence_stdout() -> None:
    """Point standard output at ``/dev/null`` (what it still buffers is dropped with it)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's captured stream)
        return
