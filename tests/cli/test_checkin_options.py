"""One specification, two parsers: the fast path and ``checkin add`` read the same options.

The click command is built from ``CHECKIN_OPTIONS`` by a decorator and the fast
parser from the same tuple; these tests check that nothing else slipped into
either, and that wherever the fast parser answers, click reads the same line
the same way.
"""

from __future__ import annotations

from typing import Any

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.cli.checkin import checkin, checkin_add
from rebound_tui.cli.main import cli
from rebound_tui.core.checkin_options import CHECKIN_OPTIONS, SUBCOMMANDS, CheckinOption, parse_checkin_args

SPEC_FLAGS = {flag for option in CHECKIN_OPTIONS for flag in option.flags}


def _click_options() -> list[click.Option]:
    """The options of ``checkin add`` other than its help option."""
    return [p for p in checkin_add.params if isinstance(p, click.Option) and p.name != "help"]


def _click_reads(args: list[str]) -> dict[str, Any]:
    """What click passes to ``checkin add`` for ``args`` (the words after ``checkin``).

    The context hangs under the root's, as in a real run: click caches a command's
    help option from the first context it sees, so a bare one would drop ``-h``.
    """
    root = click.Context(cli, info_name="rebound-tui", **cli.context_settings)
    with checkin_add.make_context("add", list(args), parent=root) as ctx:
        return dict(ctx.params)


def test_every_option_of_checkin_add_comes_from_the_spec() -> None:
    """Flags, destination, repeatability, placeholder and help of each click option are the spec's."""
    options = _click_options()
    assert len(options) == len(CHECKIN_OPTIONS)
    for option, spec in zip(options, CHECKIN_OPTIONS, strict=True):
        assert tuple(option.opts + option.secondary_opts) == spec.flags
        assert (option.name, option.multiple, option.metavar, option.help) == (
            spec.dest,
            spec.multiple,
            spec.metavar,
            spec.help,
        )
    arguments = [p.name for p in checkin_add.params if isinstance(p, click.Argument)]
    assert arguments == ["mood"]


def test_the_fast_parser_takes_every_flag_of_the_spec() -> None:
    """Each spelling of each option, given once with a value, lands in its destination."""
    for spec in CHECKIN_OPTIONS:
        for flag in spec.flags:
            parsed = parse_checkin_args(["4", flag, "v"])
            assert parsed is not None, flag
            mood, options = parsed
            assert mood == "4"
            assert options[spec.dest] == (["v"] if spec.multiple else "v")


@pytest.mark.parametrize(
    "flag", ["--help", "-h", "--feelings", "--mood", "--notes", "--Note", "-x", "-N", "--energy=3", "-nx"]
)
def test_the_fast_parser_takes_no_flag_outside_the_spec(flag: str) -> None:
    """Click's own help, near misses and other spellings are left to click."""
    assert flag not in SPEC_FLAGS
    assert parse_checkin_args(["4", flag, "v"]) is None


def test_the_fast_path_knows_every_checkin_subcommand() -> None:
    """``checkin list`` must reach click: the spec names exactly the group's commands."""
    assert set(checkin.commands) == SUBCOMMANDS


def _pairs() -> st.SearchStrategy[list[tuple[CheckinOption, str, str]]]:
    """Lists of (option, one of its flags, a value): any text, even one that looks like a flag."""
    values = st.one_of(st.text(max_size=8), st.sampled_from(sorted(SPEC_FLAGS | {"--", "-", "--help"})))
    pair = st.sampled_from(CHECKIN_OPTIONS).flatmap(
        lambda spec: st.tuples(st.just(spec), st.sampled_from(spec.flags), values)
    )
    return st.lists(pair, max_size=6)


MOODS = st.one_of(st.sampled_from(["1", "4", "good", "9", "meh"]), st.text(min_size=1, max_size=6))


@settings(max_examples=300, deadline=None)
@given(mood=MOODS, pairs=_pairs())
def test_where_the_fast_parser_answers_click_reads_the_same(
    mood: str, pairs: list[tuple[CheckinOption, str, str]]
) -> None:
    """Fast parse == click parse for every ``MOOD FLAG VALUE ...`` line the fast path accepts.

    It declines only a mood click would not read as one, or a single option given twice.
    """
    args = [mood, *(word for _spec, flag, value in pairs for word in (flag, value))]
    parsed = parse_checkin_args(args)
    singles = [spec.dest for spec, _flag, _value in pairs if not spec.multiple]
    if mood.startswith("-") or mood in SUBCOMMANDS or len(singles) != len(set(singles)):
        assert parsed is None
        return
    assert parsed is not None
    fast_mood, fast_options = parsed
    clicked = _click_reads(args)
    assert clicked.pop("mood") == fast_mood
    for spec in CHECKIN_OPTIONS:
        given_value = fast_options.get(spec.dest)
        if spec.multiple:
            assert list(clicked[spec.dest]) == given_value
        else:
            assert clicked[spec.dest] == given_value
