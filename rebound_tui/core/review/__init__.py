"""The weekly review: how the days felt, what was done, each setback and the way back, lessons, progress.

* :mod:`.build` picks the period (a week by the settings' first day, or a span)
  and gathers what the review says from the records, with the shared metrics;
* :mod:`.words` puts it in words (sections of plain sentences) and writes them
  as text, Markdown or JSON, leaving out what :class:`Privacy` says to.

The app's Review mode and ``rebound-tui review`` both use these, so they say
the same thing about the same week. No UI library and no storage here.
"""

from __future__ import annotations

from rebound_tui.core.review.build import (
    ApplicationItem,
    Done,
    Lesson,
    Moods,
    Period,
    Review,
    RoundItem,
    SetbackItem,
    build_review,
    read_period,
    week_of,
)
from rebound_tui.core.review.words import (
    NO_NOTE,
    Block,
    Privacy,
    Section,
    actions_words,
    md_user,
    render_json,
    render_markdown,
    render_text,
    review_json,
    sections,
    span_words,
    text_user,
    title,
)

__all__ = [
    "NO_NOTE",
    "ApplicationItem",
    "Block",
    "Done",
    "Lesson",
    "Moods",
    "Period",
    "Privacy",
    "Review",
    "RoundItem",
    "Section",
    "SetbackItem",
    "actions_words",
    "build_review",
    "md_user",
    "read_period",
    "render_json",
    "render_markdown",
    "render_text",
    "review_json",
    "sections",
    "span_words",
    "text_user",
    "title",
    "week_of",
]
