"""What time it is: the real clock, or a moment frozen through the environment.

Both the entry point and the command line read the clock from here, so
``REBOUND_TUI_NOW`` freezes "now" the same way on the quick check-in, in the
click commands and in the app (end-to-end tests and demos rely on it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from rebound_tui.core.models import ValidationError, now_local

NOW_VAR = "REBOUND_TUI_NOW"
"""Freeze "now" (an ISO timestamp with offset) for end-to-end tests and demos."""


def env_clock() -> Callable[[], datetime]:
    """Real time, or the moment frozen in ``REBOUND_TUI_NOW``.

    Raises:
        ValidationError: the variable holds something that is not an ISO timestamp.
    """
    frozen = os.environ.get(NOW_VAR, "").strip()
    if not frozen:
        return now_local
    try:
        moment = datetime.fromisoformat(frozen)
    except ValueError:
        raise ValidationError(f"{NOW_VAR}={frozen!r} is not an ISO timestamp") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return lambda: moment
