"""Reading settings as typed: the rules the CLI's ``settings`` and the app's Settings share."""

from __future__ import annotations

import pytest

from rebound_tui.core.models import Settings, ValidationError
from rebound_tui.core.preferences import (
    WEEKDAYS,
    first_day,
    own_action_tags,
    read_settings,
    settings_changes,
    whole_number,
)


@pytest.mark.parametrize(
    ("text", "index"), [("monday", 0), ("Tue", 1), (" WEDNESDAY ", 2), ("thu", 3), ("sun", 6), ("sa", 5)]
)
def test_first_day(text: str, index: int) -> None:
    """A day name or its start reads as its weekday index (0 = Monday)."""
    assert first_day(text) == index
    assert WEEKDAYS[index].startswith(text.strip().lower()[:2])


@pytest.mark.parametrize("text", ["", "t", "s", "funday", "  "])
def test_first_day_refused(text: str) -> None:
    """An empty, ambiguous or unknown day is refused in one line naming the choices."""
    with pytest.raises(ValidationError, match=r"unknown first day of the week .*: use monday \.\. sunday"):
        first_day(text)


@pytest.mark.parametrize(("text", "value"), [("3", 3), (" 12 ", 12), ("0", 0), ("-2", -2)])
def test_whole_number(text: str, value: int) -> None:
    """Digits read as a number (the range is Settings' to check)."""
    assert whole_number(text, "weekly target") == value


@pytest.mark.parametrize("text", ["three", "2.5", "", "3 a week", "\u0663"])
def test_whole_number_refused(text: str) -> None:
    """Words, fractions and other digits are refused, naming the setting and what was typed."""
    with pytest.raises(ValidationError, match=r"^weekly target must be a whole number"):
        whole_number(text, "weekly target")


def test_own_action_tags() -> None:
    """Comma-separated tags, cleaned; the built-in four always count so they are left out; no repeats."""
    assert own_action_tags(" Job Fair, coffee  chat,,applied, job fair ") == ("job fair", "coffee chat")
    assert own_action_tags(["mentoring", "Networked"]) == ("mentoring",)
    assert own_action_tags("") == ()
    with pytest.raises(ValidationError, match=r"may not hold commas, '\|'"):
        own_action_tags("a|b")


class TestReadSettings:
    def test_every_value_read_from_text(self) -> None:
        """Text from a form reads as the settings' values."""
        read = read_settings(
            Settings(),
            weekly_target="5",
            first_day_of_week="sunday",
            quiet_days="21",
            action_tags="job fair",
            theme="rebound-contrast",
            reframe_prompt=False,
        )
        assert read == {
            "weekly_target": 5,
            "first_day_of_week": 6,
            "quiet_days": 21,
            "action_tags": ("job fair",),
            "theme": "rebound-contrast",
            "reframe_prompt": False,
        }

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ({"weekly_target": "0"}, "weekly target must be from 1 to 50; got 0"),
            ({"weekly_target": "many"}, "weekly target must be a whole number; got 'many'"),
            ({"weekly_target": 51}, "weekly target must be from 1 to 50; got 51"),
            ({"quiet_days": "0"}, "quiet days must be from 1 to 365; got 0"),
            ({"quiet_days": "two weeks"}, "quiet days must be a whole number; got 'two weeks'"),
            ({"theme": "dracula"}, "unknown theme 'dracula'"),
            ({"first_day_of_week": "someday"}, "unknown first day of the week 'someday'"),
        ],
    )
    def test_one_clear_line_for_bad_input(self, typed: dict[str, object], message: str) -> None:
        """Bad input is refused with one line naming the setting and the value."""
        with pytest.raises(ValidationError) as caught:
            read_settings(Settings(), **typed)
        assert str(caught.value).startswith(message)
        assert "\n" not in str(caught.value)

    def test_unknown_setting_is_a_programming_error(self) -> None:
        """A name that is not a setting is a bug, not the person's input."""
        with pytest.raises(ValueError, match="not a setting: colour"):
            read_settings(Settings(), colour="blue")

    def test_changes_keep_only_what_differs(self) -> None:
        """Only the settings that differ from the current ones come back (nothing to write otherwise)."""
        current = Settings(weekly_target=4, action_tags=("job fair",))
        assert settings_changes(current, weekly_target="4", action_tags="Job Fair, applied") == {}
        assert settings_changes(current, weekly_target="6", first_day_of_week=0) == {"weekly_target": 6}
