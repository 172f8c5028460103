"""Tests for the tip library: the shipped data, parsing situations and choosing tips."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date, timedelta

import pytest

from rebound_tui.core import tips
from rebound_tui.core.tips import (
    SITUATIONS,
    Tip,
    all_tips,
    parse_situation,
    tip_for_moment,
    tip_of_the_day,
    tips_for,
    tips_from_data,
)

START = date(2025, 3, 10)

SHAMING = (
    "failed",
    "failure",
    "fail",
    "cheer up",
    "should have",
    "shouldn't have",
    "lazy",
    "weak",
    "pathetic",
    "stupid",
    "loser",
    "your fault",
    "stay positive",
    "good vibes",
    "everything happens for a reason",
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _days(count: int, start: date = START) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def _moment(**overrides: object) -> Tip:
    kwargs: dict[str, object] = {
        "day": START,
        "today_mood": None,
        "days_since_setback": None,
        "has_interview_soon": False,
        "milestone": False,
    }
    kwargs.update(overrides)
    return tip_for_moment(**kwargs)  # type: ignore[arg-type]


# -- the shipped data -------------------------------------------------------


def test_library_has_at_least_forty_tips() -> None:
    """The library carries at least 40 tips in total."""
    assert len(all_tips()) >= 40


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_each_situation_has_at_least_seven_tips(situation: str) -> None:
    """Every situation has at least seven tips, so a week never repeats one."""
    assert len(tips_for(situation)) >= 7


def test_every_tip_belongs_to_a_known_situation() -> None:
    """Each tip's situation is a key of SITUATIONS and the per-situation pools cover the library."""
    assert {t.situation for t in all_tips()} == set(SITUATIONS)
    assert sum(len(tips_for(s)) for s in SITUATIONS) == len(all_tips())


def test_ids_are_unique_and_kebab_case() -> None:
    """Ids are unique and short kebab-case, so they can be stored and typed."""
    ids = [t.id for t in all_tips()]
    assert len(ids) == len(set(ids))
    for tip_id in ids:
        assert ID_PATTERN.match(tip_id), tip_id
        assert len(tip_id) <= 40, tip_id


def test_titles_and_texts_fit_their_limits() -> None:
    """Titles are 1-40 characters; texts are 1-280 characters and one to three sentences."""
    for tip in all_tips():
        assert 0 < len(tip.title) <= 40, tip.id
        assert 0 < len(tip.text) <= 280, tip.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", tip.text) if s]
        assert 1 <= len(sentences) <= 3, tip.id
        assert tip.text[-1] in ".!?", tip.id


def test_texts_are_plain_printable_ascii() -> None:
    """No emoji, wide characters or control characters, so columns line up in any terminal."""
    for tip in all_tips():
        for field in (tip.id, tip.title, tip.text):
            for char in field:
                assert char.isascii() and char.isprintable(), (tip.id, repr(char))
                assert unicodedata.category(char) != "So", (tip.id, repr(char))


def test_no_shaming_or_toxic_positive_words() -> None:
    """No tip blames the reader or tells them to cheer up."""
    for tip in all_tips():
        words = f"{tip.title} {tip.text}".lower()
        for phrase in SHAMING:
            assert phrase not in words, (tip.id, phrase)


def test_situation_labels_are_the_agreed_ones() -> None:
    """The situation keys and labels match what the screens and CLI show."""
    assert SITUATIONS == {
        "after-rejection": "After a rejection",
        "low-mood": "Low mood",
        "before-interview": "Before an interview",
        "reflecting": "Reflecting",
        "keeping-going": "Keeping going",
        "milestones": "Milestones",
    }
    assert tips_for("low-mood")[0].situation_label == "Low mood"


def test_all_tips_is_cached() -> None:
    """The data is read once: two calls return the very same tuple."""
    assert all_tips() is all_tips()


def test_importing_tips_does_not_pull_in_textual_or_rich() -> None:
    """The module stays light so the CLI's tip command starts quickly."""
    code = (
        "import sys, rebound_tui.core.tips as t; t.all_tips(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- validation ---------------------------------------------------------------


def _entry(**overrides: str) -> dict[str, str]:
    entry = {"id": "one", "situation": "low-mood", "title": "A title", "text": "Some text."}
    entry.update(overrides)
    return entry


def test_tips_from_data_accepts_good_data() -> None:
    """Well-formed entries become Tip objects in file order."""
    result = tips_from_data([_entry(), _entry(id="two", situation="milestones")])
    assert result == (
        Tip("one", "low-mood", "A title", "Some text."),
        Tip("two", "milestones", "A title", "Some text."),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "x"}, "must be a list"),
        (["not an object"], "must be an object"),
        ([_entry(), _entry()], "'one' is used more than once"),
        ([_entry(situation="sunny")], "unknown situation 'sunny'"),
        ([_entry(text="   ")], "empty text"),
        ([_entry(title="")], "empty title"),
        ([_entry(id="")], "empty id"),
        ([{"id": "a", "situation": "low-mood", "title": "t"}], "needs a string 'text'"),
    ],
)
def test_tips_from_data_rejects_bad_data(data: object, message: str) -> None:
    """Malformed data raises ValueError naming what is wrong."""
    with pytest.raises(ValueError, match=re.escape(message)):
        tips_from_data(data)


# -- parsing situations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("after-rejection", "after-rejection"),
        ("After Rejection", "after-rejection"),
        ("after_rejection", "after-rejection"),
        ("After a rejection", "after-rejection"),
        ("  AFTER   REJECTION ", "after-rejection"),
        ("low mood", "low-mood"),
        ("Low_Mood", "low-mood"),
        ("Before an interview", "before-interview"),
        ("before_interview", "before-interview"),
        ("Reflecting", "reflecting"),
        ("keeping going", "keeping-going"),
        ("Milestones", "milestones"),
        ("milestone", "milestones"),
        ("interview", "before-interview"),
        ("general", "keeping-going"),
    ],
)
def test_parse_situation_accepts_forgiving_forms(text: str, expected: str) -> None:
    """Case, spaces, underscores and articles do not matter."""
    assert parse_situation(text) == expected


def test_every_label_parses_back_to_its_key() -> None:
    """What the screens show can be typed back in."""
    for key, label in SITUATIONS.items():
        assert parse_situation(label) == key


@pytest.mark.parametrize("text", ["sunny", "", "after", "low-mood-x"])
def test_unknown_situation_names_the_choices(text: str) -> None:
    """An unknown situation raises ValueError quoting the input and listing every key."""
    with pytest.raises(ValueError) as caught:
        tips_for(text)
    message = str(caught.value)
    assert message.startswith(f"unknown situation {text!r}: use one of ")
    for key in SITUATIONS:
        assert key in message


def test_tips_for_accepts_forgiving_forms() -> None:
    """tips_for goes through parse_situation, so loose forms give the same pool."""
    assert tips_for("After Rejection") == tips_for("after-rejection")
    assert all(t.situation == "after-rejection" for t in tips_for("after_rejection"))


# -- tip of the day -----------------------------------------------------------------


@pytest.mark.parametrize("situation", [None, *SITUATIONS])
def test_tip_of_the_day_is_stable_for_a_date(situation: str | None) -> None:
    """Asking twice for the same date (and situation) gives the same tip."""
    for day in _days(10):
        assert tip_of_the_day(day, situation) == tip_of_the_day(day, situation)


def test_tip_of_the_day_is_stable_across_processes() -> None:
    """The choice does not depend on per-process hash salting."""
    code = (
        "from datetime import date; from rebound_tui.core.tips import tip_of_the_day as t; "
        "print(t(date(2025, 3, 10)).id, t(date(2025, 3, 10), 'low-mood').id)"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(out.stdout.strip())
    here = f"{tip_of_the_day(START).id} {tip_of_the_day(START, 'low-mood').id}"
    assert outputs == {here}


@pytest.mark.parametrize("situation", [None, *SITUATIONS])
def test_tip_of_the_day_varies_over_a_month(situation: str | None) -> None:
    """Over 30 days many different tips appear and consecutive days differ."""
    picks = [tip_of_the_day(day, situation) for day in _days(30)]
    pool_size = len(all_tips()) if situation is None else len(tips_for(situation))
    assert len({t.id for t in picks}) == min(30, pool_size)
    assert all(a != b for a, b in itertools.pairwise(picks))


@pytest.mark.parametrize("situation", [None, *SITUATIONS])
@pytest.mark.parametrize("start", [START, date(2024, 2, 28), date(2031, 12, 31)])
def test_tip_of_the_day_shows_the_whole_pool_before_repeating(situation: str | None, start: date) -> None:
    """Any run of n consecutive days shows each of the n tips in the pool exactly once."""
    pool = all_tips() if situation is None else tips_for(situation)
    picks = [tip_of_the_day(day, situation) for day in _days(len(pool), start)]
    assert sorted(t.id for t in picks) == sorted(t.id for t in pool)


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_tip_of_the_day_stays_in_its_situation(situation: str) -> None:
    """A situation-limited pick always comes from that situation, even given loosely."""
    loose = SITUATIONS[situation].upper()
    for day in _days(20):
        assert tip_of_the_day(day, loose).situation == situation


def test_tip_of_the_day_does_not_follow_file_order() -> None:
    """The rotation is shuffled, so the order is not simply the order in tips.json."""
    pool = tips_for("keeping-going")
    start = date.fromordinal(len(pool) * 100_000)  # ordinal % n == 0
    picks = tuple(tip_of_the_day(day, "keeping-going") for day in _days(len(pool), start))
    assert picks != pool


def test_tip_of_the_day_rejects_unknown_situation() -> None:
    """A bad situation is refused with the usual message."""
    with pytest.raises(ValueError, match="unknown situation 'sunny': use one of after-rejection"):
        tip_of_the_day(START, "sunny")


# -- tip for the moment ----------------------------------------------------------------


@pytest.mark.parametrize("days_since_setback", [0, 1, 2, 3])
def test_recent_setback_comes_first(days_since_setback: int) -> None:
    """A setback within three days wins over low mood, an interview and a milestone."""
    tip = _moment(
        days_since_setback=days_since_setback, today_mood=1, has_interview_soon=True, milestone=True
    )
    assert tip.situation == "after-rejection"
    assert tip == tip_of_the_day(START, "after-rejection")


@pytest.mark.parametrize("mood", [1, 1.5, 2, 2.0])
def test_low_mood_comes_next(mood: float) -> None:
    """Mood at or below 2 wins when there is no recent setback."""
    tip = _moment(today_mood=mood, days_since_setback=4, has_interview_soon=True, milestone=True)
    assert tip.situation == "low-mood"


def test_interview_soon_beats_milestone() -> None:
    """An upcoming interview is served before a milestone when mood is fine."""
    assert _moment(today_mood=3, has_interview_soon=True, milestone=True).situation == "before-interview"


def test_milestone_when_nothing_else_applies() -> None:
    """A fresh milestone gets a milestone tip on an otherwise ordinary day."""
    assert _moment(today_mood=4, milestone=True).situation == "milestones"


@pytest.mark.parametrize("mood", [None, 2.01, 3, 5])
def test_ordinary_day_keeps_going_or_reflects(mood: float | None) -> None:
    """With nothing special, the tip is about keeping going, or reflecting on some days."""
    for day in _days(30):
        assert _moment(day=day, today_mood=mood, days_since_setback=10).situation in {
            "keeping-going",
            "reflecting",
        }


def test_ordinary_days_mix_keeping_going_and_reflecting() -> None:
    """Across two months both kinds of ordinary tip appear, keeping going most often."""
    kinds = [_moment(day=day).situation for day in _days(60)]
    assert kinds.count("reflecting") >= 5
    assert kinds.count("keeping-going") > kinds.count("reflecting")


def test_every_keeping_going_tip_is_reachable() -> None:
    """Skipping reflecting days does not starve part of the keeping-going rotation."""
    seen = {_moment(day=day).id for day in _days(365)}
    assert {t.id for t in tips_for("keeping-going")} <= seen


def test_old_setback_is_ignored() -> None:
    """A setback more than three days ago no longer drives the choice."""
    assert _moment(days_since_setback=4, today_mood=4).situation != "after-rejection"


def test_moment_tip_is_the_tip_of_the_day_for_its_situation() -> None:
    """tip_for_moment delegates to tip_of_the_day, so it is stable and rotates the same way."""
    for day in _days(14):
        tip = _moment(day=day, has_interview_soon=True)
        assert tip == tip_of_the_day(day, "before-interview")


def test_module_exposes_situation_for_moment() -> None:
    """The situation choice is available on its own for screens that show the label."""
    assert (
        tips.situation_for_moment(
            day=START, today_mood=None, days_since_setback=0, has_interview_soon=False, milestone=False
        )
        == "after-rejection"
    )
