"""Unit tests for rebound_tui.core.text: one clean line, one tag rule, '-' for stdin."""

from __future__ import annotations

import io

import pytest

from rebound_tui.core.text import one_line, split_tags, text_or_stdin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("  folded \n\n lines\tand  tabs ", "folded lines and tabs"),
        ("red \x1b[31mtext\x07", "red [31mtext"),
        ("right-to-left \u202etxet", "right-to-left txet"),
        ("[bold]markup[/] stays", "[bold]markup[/] stays"),
        ("", ""),
    ],
)
def test_one_line_folds_and_drops_controls(text: str, expected: str) -> None:
    """Whitespace folds to single spaces and control characters (escapes, bidi overrides) are dropped."""
    assert one_line(text) == expected


@pytest.mark.parametrize(
    ("width", "expected"),
    [(20, "0123456789"), (10, "0123456789"), (9, "01234567…"), (2, "0…"), (1, "…"), (0, "…")],
)
def test_one_line_cuts_to_width(width: int, expected: str) -> None:
    """Longer text is cut to ``width`` characters ending in '…'; text that fits is left whole."""
    assert one_line("0123456789", width) == expected


def test_cutting_happens_after_folding() -> None:
    """The width counts the folded text, so blanks and escapes never use up room."""
    assert one_line("a\n\n\n\nb   c", 5) == "a b c"
    assert one_line("a\x1b" + "b" * 10, 4) == "a b…"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["hopeful"], ["hopeful"]),
        (["hopeful,tired", "calm"], ["hopeful", "tired", "calm"]),
        (["a, b", "", "c,", " , "], ["a", "b", "c"]),
        (["job fair"], ["job fair"]),
        (["a|b"], ["a|b"]),  # only the comma separates; the models refuse '|' in a tag
    ],
)
def test_split_tags_has_one_separator(values: list[str], expected: list[str]) -> None:
    """Repeated options and comma lists give the same tags; parts are stripped, empties dropped."""
    assert split_tags(values) == expected


def test_a_dash_reads_the_text_from_stdin() -> None:
    """'-' means standard input; any other value (also None and '') is the text itself."""
    stdin = io.StringIO("a long note\nover two lines\n")
    assert text_or_stdin("-", stdin) == "a long note\nover two lines\n"
    assert text_or_stdin("--", stdin) == "--"
    assert text_or_stdin("", stdin) == ""
    assert text_or_stdin(None, stdin) is None


def test_visible_shows_control_and_bidi_characters() -> None:
    """Escape sequences, a lone CR, DEL, C1 and bidi controls become placeholders; lines and tabs stay."""
    from rebound_tui.core.text import visible

    assert visible("a\x1b[2Jb") == "a␛[2Jb"
    assert visible("osc\x1b]52;c;eA==\x07") == "osc␛]52;c;eA==␇"
    assert visible("one\r\ntwo\rthree") == "one\ntwo␍three"
    assert (
        visible("del\x7f c1\x9b flip\u202e iso\u2066x\u2069") == "del␡ c1\ufffd flip\ufffd iso\ufffdx\ufffd"
    )
    assert (
        visible("tab\there\nnext \u200f mark, café 面接 🙂 \u200d")
        == "tab\there\nnext \u200f mark, café 面接 🙂 \u200d"
    )


def test_escape_for_json_keeps_the_same_document() -> None:
    import json

    from rebound_tui.core.text import escape_for_json

    value = {"note": "a\x1b[2J\u202e\x9b\x7f 'ok' café"}
    text = escape_for_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not any(ch in text for ch in "\x1b\u202e\x9b\x7f")
