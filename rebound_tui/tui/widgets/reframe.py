"""The reframe prompt under a reflection: a kind question when the words judge the person.

Shown at most once per opening of the form: it appears when what is written
holds a phrase of :mod:`rebound_tui.core.reframe` ("I'm useless", "I always mess
up"), and once the words change so that it no longer fits, it goes and does not
come back until the form is opened again. It is only an offer: saving never
waits for it, and nothing written is touched.
"""

from __future__ import annotations

from textual.widgets import Static


class ReframeNote(Static):
    """A gentle question shown once per opening (see the module docstring)."""

    DEFAULT_CSS = """
    ReframeNote { display: none; height: auto; }
    """

    offered = False
    """True once the prompt has been shown in this opening."""

    def check(self, *texts: str) -> None:
        """Show the prompt when ``texts`` first judge the person; hide it (for good) once they do not."""
        from rebound_tui.core.reframe import PROMPT, PROMPT_AFTER, judges_oneself

        if self.offered and not self.display:
            return  # shown once already, then let go: not again in this opening
        hit = judges_oneself(*texts)
        if hit and not self.offered:
            self.offered = True
            self.update(f"{PROMPT} {PROMPT_AFTER}")
            self.display = True
        elif not hit and self.display:
            self.display = False
