"""Noticing when a reflection judges the person rather than the round, to offer a kinder look.

"I'm useless", "I always mess up", "I'm not good enough": words like these turn
one interview into a verdict on oneself. When a reflection holds one, the form
offers, once and only as an offer, the question :data:`PROMPT`. Matching is
local and deliberately simple: a short list of phrases in ``reframe_phrases.json``
(shipped beside this module), matched whole-word after the text is brought to
one form (lower case, straight apostrophes, "I am" -> "i'm", "cannot" ->
"can't", filler words such as "so" and "really" left out).

What is *not* a hit, decided on purpose:

- A phrase in double quotes (``"i'm not good enough"``): a quote is someone's
  words, or the person's own held at a distance, not a judgement made now.
- A phrase after a cue, in the same sentence, that it is not the person's own
  judgement now: reported words ("the interviewer said I'm not good enough",
  "my friend thinks ..."), a negation or a change of mind ("I don't think I'm
  useless", "one no doesn't mean I'm a failure", "I used to think I'm stupid").
- "Not good enough" about a skill ("I'm not good enough at SQL yet"): that is
  the kind of specific, fixable note a reflection is for.
- Feelings ("I felt stupid when I froze"): feelings are allowed; only
  statements of what one *is* or *always* does are matched.

A miss costs nothing (the prompt is a kindness, not a filter); a wrong hit
would nag, so when in doubt a phrase stays out. No network, no model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROMPT = (
    "That sounds hard on yourself. Would you say that to a friend after this round? What would you tell them?"
)
"""The reframe prompt, shown once per opening of the reflection form (never blocks saving)."""
PROMPT_AFTER = "(Only if it helps.)"
"""After the question: it is an offer, nothing has to change (what was written saves as it is)."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_QUOTES = (
    '"[^"]*"',
    "\u201c[^\u201d]*\u201d",
    "\u00ab[^\u00bb]*\u00bb",
    "\u201e[^\u201c\u201d]*[\u201c\u201d]",
)
_QUOTED = re.compile("|".join(_QUOTES))
"""Text in double quotes, straight, curly or guillemets: someone's words, not a judgement now."""
_SENTENCES = re.compile(r"[.!?;:\n]+|\bbut\b")
"""Where one thought ends: a cue before "but" says nothing about what comes after it."""
_CONTRACTIONS = (
    (re.compile(r"\bi\s+am\b"), "i'm"),
    (re.compile(r"\bim\b"), "i'm"),
    (re.compile(r"\bi\s+will\b"), "i'll"),
    (re.compile(r"\b(?:cannot|can\s+not|cant)\b"), "can't"),
    (re.compile(r"\b(?:do\s+not|dont)\b"), "don't"),
    (re.compile(r"\b(?:does\s+not|doesnt)\b"), "doesn't"),
    (re.compile(r"\b(?:did\s+not|didnt)\b"), "didn't"),
    (re.compile(r"\b(?:will\s+not|wont)\b"), "won't"),
    (re.compile(r"\bwhat\s+is\b"), "what's"),
    (re.compile(r"\bno-one\b"), "no one"),
)


@dataclass(frozen=True)
class Phrases:
    """The contents of ``reframe_phrases.json``."""

    phrases: tuple[str, ...]
    fillers: frozenset[str]
    about_a_skill: dict[str, frozenset[str]]
    not_my_judgement: tuple[str, ...]


@cache
def phrases() -> Phrases:
    """The phrase list, read from the data file once."""
    raw = json.loads(Path(__file__).with_name("reframe_phrases.json").read_text(encoding="utf-8"))
    return Phrases(
        phrases=tuple(raw["phrases"]),
        fillers=frozenset(raw["fillers"]),
        about_a_skill={k: frozenset(v) for k, v in raw["about_a_skill"].items()},
        not_my_judgement=tuple(raw["not_my_judgement"]),
    )


@cache
def _pattern(phrase: str) -> re.Pattern[str]:
    words = (re.escape(word) for word in phrase.split())
    return re.compile(r"(?<![\w'])" + r"\s+".join(words) + r"(?![\w'])")


def normalised(text: str) -> str:
    """``text`` in the form the phrases are written in (quoted parts left out)."""
    plain = _QUOTED.sub(" ", text.translate(_APOSTROPHES)).lower()
    for pattern, replacement in _CONTRACTIONS:
        plain = pattern.sub(replacement, plain)
    return plain


def judging_phrases(text: str) -> list[str]:
    """The phrases of the list that ``text`` uses about the person writing it, each once, in text order."""
    data = phrases()
    found: list[str] = []
    for sentence in _SENTENCES.split(normalised(text)):
        words = [w for w in re.split(r"[\s,]+", sentence) if w and w not in data.fillers]
        clause = " ".join(words)
        if not clause:
            continue
        for phrase in data.phrases:
            if phrase in found:
                continue
            for match in _pattern(phrase).finditer(clause):
                before = clause[: match.start()]
                if any(_pattern(cue).search(before) for cue in data.not_my_judgement):
                    continue
                after = clause[match.end() :].split()
                if after and after[0] in data.about_a_skill.get(phrase, frozenset()):
                    continue
                found.append(phrase)
                break
    return found


def judges_oneself(*texts: str) -> bool:
    """True when any of ``texts`` (went well, to improve, lesson) judges the person, not the round."""
    return any(judging_phrases(text) for text in texts if text)
