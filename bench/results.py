"""Writing one benchmark's section of bench/RESULTS.md, leaving the others alone."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(heading: str, text: str) -> None:
    """Replace the section that starts with ``heading`` (e.g. "## TUI"), or append it."""
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    start = current.find(heading + "\n")
    if start < 0:
        new = current.rstrip("\n") + "\n\n" + text.strip("\n") + "\n"
    else:
        following = current.find("\n## ", start + len(heading))
        rest = "" if following < 0 else current[following + 1 :]
        new = current[:start] + text.strip("\n") + "\n" + ("\n" + rest if rest else "")
    RESULTS.write_text(new)
