"""Spies the store's tests share: what a read or a save did that its result does not show."""

from __future__ import annotations

import json
from typing import Any

import pytest


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every ``json.loads`` from now on (until the monkeypatch is undone), by what it parsed."""
    parses: list[object] = []
    real_loads = json.loads

    def counting(*args: Any, **kwargs: Any) -> Any:
        parses.append(args[0])
        return real_loads(*args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    return parses
