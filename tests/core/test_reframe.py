"""The reframe prompt's matching: phrases that judge the person, and what is left alone on purpose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebound_tui.core import reframe
from rebound_tui.core.reframe import PROMPT, judges_oneself, judging_phrases, normalised, phrases

HITS = [
    ("I'm useless", "i'm useless"),
    ("I am useless.", "i'm useless"),
    ("Honestly im such an idiot", "i'm an idiot"),
    ("I\u2019m a failure", "i'm a failure"),  # a curly apostrophe
    ("I always mess up the intro", "i always mess up"),
    ("I'm not good enough", "i'm not good enough"),
    ("I'm just not good enough for this.", "i'm not good enough"),
    ("Nobody will ever hire me", "nobody will ever hire me"),
    ("What is wrong with me", "what's wrong with me"),
    ("I cannot do anything right", "i can't do anything right"),
    ("I will never get a job", "i'll never get a job"),
    ("They said it went fine, but I'm useless at whiteboards", "i'm useless"),  # the cue is before "but"
    ("Lesson: I'm SO stupid", "i'm stupid"),
]

NON_HITS = [
    "",
    "I gave two concrete examples and asked good questions.",
    "I'm not useless.",  # a negation inside the phrase
    "I'm not a failure, one no is not a verdict.",
    "I don't think I'm useless",  # a negation before it
    "One no doesn't mean I'm a failure.",
    "I used to think I'm stupid when I froze.",
    "The interviewer said I'm not good enough at SQL",  # reported words (and about a skill)
    "My friend thinks I'm an idiot for applying again",
    "I'm not good enough at SQL yet; practise joins.",  # about a skill: what reflection is for
    'He called it "I\'m useless" energy and laughed',  # in quotes
    "\u201cI'm a failure\u201d is what I told myself, and it isn't true",
    "I felt stupid when I froze on the second question.",  # a feeling, not a verdict
    "Timeless answers; I'm usefully specific now.",  # whole words only
    "I always prepare a question for the end.",
]


@pytest.mark.parametrize(("text", "phrase"), HITS)
def test_hits(text: str, phrase: str) -> None:
    """Statements of what one is or always does are found, whatever the spelling of I'm or can't."""
    assert phrase in judging_phrases(text)
    assert judges_oneself("", text)


@pytest.mark.parametrize("text", NON_HITS)
def test_non_hits(text: str) -> None:
    """Negations, reported or quoted words, feelings and skills are left alone."""
    assert judging_phrases(text) == []
    assert not judges_oneself(text)


def test_several_phrases_each_once_in_text_order() -> None:
    """Each phrase is named once, in the order the text uses them, however often it appears."""
    text = "I always mess up. I'm useless. Really, I'm useless."
    assert judging_phrases(text) == ["i always mess up", "i'm useless"]


def test_normalised_form() -> None:
    """Lower case, straight apostrophes, I'm / can't / don't, quoted parts gone."""
    assert normalised("I AM sure I Cannot \u201cquote\u201d it") == "i'm sure i can't   it"


def test_the_data_file_is_well_formed() -> None:
    """Every phrase is written in the form matching uses, once; skill and cue entries fit the list."""
    data = phrases()
    assert data.phrases
    assert len(set(data.phrases)) == len(data.phrases)
    for phrase in data.phrases:
        assert phrase == normalised(phrase).strip(), phrase
        assert not set(phrase.split()) & data.fillers, phrase  # fillers are removed before matching
    assert set(data.about_a_skill) <= set(data.phrases)
    raw = json.loads(Path(reframe.__file__).with_name("reframe_phrases.json").read_text(encoding="utf-8"))
    assert set(raw) == {"about", "phrases", "fillers", "about_a_skill", "not_my_judgement"}


def test_the_prompt_is_warm_and_asks() -> None:
    """The prompt asks a question and never grades or blames."""
    assert PROMPT.endswith("?")
    assert "friend" in PROMPT
    for word in ("wrong", "bad", "should", "fail"):
        assert word not in PROMPT.lower()
