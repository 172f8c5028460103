"""Write rebound_tui/storage/interop/daylio_months.py: month and weekday names from CLDR.

Daylio's oldest exports write the date as words in the phone's language
("7 września", "18 May", "7 de setembro") with the weekday beside it. The
importer reads them with a table of names per language, generated here from
the Unicode CLDR data that Babel ships, so that no hand-written partial table
is kept and Babel is not needed to run rebound-tui.

Run from the repository root (Babel only in the environment that runs it):

    pip install babel
    python tools/daylio_months.py            # rewrite the table module
    python tools/daylio_months.py --check    # exit 1 if the module is not what this would write

Names are kept case-folded with a final dot removed. Every form CLDR has is
taken: wide and abbreviated, format (the genitive "września", "сентября") and
stand-alone (the nominative "wrzesień"); weekdays also in their short form. A
name that means two different months (or days) in one language is left out.
:func:`render` needs no Babel: the tests use it to check the module is in step.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "rebound_tui" / "storage" / "interop" / "daylio_months.py"

LANGUAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("English", ("en", "en_GB", "en_AU", "en_IN")),
    "bg": ("Bulgarian", ("bg",)),
    "ca": ("Catalan", ("ca",)),
    "cs": ("Czech", ("cs",)),
    "da": ("Danish", ("da",)),
    "de": ("German", ("de", "de_AT", "de_CH")),
    "el": ("Greek", ("el",)),
    "es": ("Spanish", ("es", "es_MX", "es_419")),
    "fi": ("Finnish", ("fi",)),
    "fr": ("French", ("fr", "fr_CA")),
    "hr": ("Croatian", ("hr",)),
    "hu": ("Hungarian", ("hu",)),
    "id": ("Indonesian", ("id",)),
    "it": ("Italian", ("it",)),
    "lt": ("Lithuanian", ("lt",)),
    "nb": ("Norwegian", ("nb", "nn")),
    "nl": ("Dutch", ("nl",)),
    "pl": ("Polish", ("pl",)),
    "pt": ("Portuguese", ("pt", "pt_PT")),
    "ro": ("Romanian", ("ro",)),
    "ru": ("Russian", ("ru",)),
    "sk": ("Slovak", ("sk",)),
    "sl": ("Slovenian", ("sl",)),
    "sr": ("Serbian", ("sr", "sr_Latn")),
    "sv": ("Swedish", ("sv",)),
    "tr": ("Turkish", ("tr",)),
    "uk": ("Ukrainian", ("uk",)),
}
"""Languages of Daylio's app whose dates are written with month words (code: name, CLDR locales).

Japanese, Korean and Chinese write the month as a number ("5月18日") and are not
listed. Add a language here and run the script to read its exports.
"""


def fold(name: str) -> str:
    """How names are compared: case-folded, blanks trimmed, one final dot dropped."""
    text = " ".join(name.split()).casefold()
    return text[:-1] if text.endswith(".") else text


def _add(table: dict[str, int], clashes: set[str], name: str, number: int) -> None:
    key = fold(name)
    if not key or key in clashes:
        return
    if table.get(key, number) != number:
        del table[key]
        clashes.add(key)
        return
    table[key] = number


def extract() -> tuple[str, str, dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """(CLDR version, Babel version, months by language, weekdays by language) from Babel."""
    import babel
    from babel.core import Locale, get_cldr_version

    months: dict[str, dict[str, int]] = {}
    weekdays: dict[str, dict[str, int]] = {}
    for code, (_name, locales) in LANGUAGES.items():
        month_table: dict[str, int] = {}
        day_table: dict[str, int] = {}
        month_clashes: set[str] = set()
        day_clashes: set[str] = set()
        for locale_name in locales:
            locale = Locale.parse(locale_name)
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    for number, text in locale.months[context][width].items():
                        _add(month_table, month_clashes, text, number)
                for width in ("wide", "abbreviated", "short"):
                    for number, text in locale.days[context][width].items():
                        _add(day_table, day_clashes, text, number)
        months[code] = dict(sorted(month_table.items(), key=lambda item: (item[1], item[0])))
        weekdays[code] = dict(sorted(day_table.items(), key=lambda item: (item[1], item[0])))
    return str(get_cldr_version()), str(babel.__version__), months, weekdays


def _q(text: str) -> str:
    """A Python string literal in double quotes (as ruff format writes them)."""
    return json.dumps(text, ensure_ascii=False)


def _table(name: str, doc: str, tables: Mapping[str, Mapping[str, int]]) -> list[str]:
    lines = [f"{name}: dict[str, dict[str, int]] = {{"]
    for code, table in tables.items():
        lines.append(f"    {_q(code)}: {{")
        lines += [f"        {_q(key)}: {number}," for key, number in table.items()]
        lines.append("    },")
    lines += ["}", f'"""{doc}"""', ""]
    return lines


def render(
    cldr: str,
    babel_version: str,
    languages: Mapping[str, str],
    months: Mapping[str, Mapping[str, int]],
    weekdays: Mapping[str, Mapping[str, int]],
) -> str:
    """The text of the table module (no Babel needed)."""
    lines = [
        '"""Month and weekday names by language, for Daylio\'s old-layout dates ("7 września 2017").',
        "",
        f"GENERATED from Unicode CLDR {cldr} (Babel {babel_version}) by tools/daylio_months.py;",
        "do not edit by hand. Regenerate: pip install babel && python tools/daylio_months.py",
        "",
        "Names are case-folded, without a final dot; months are 1-12, weekdays 0 (Monday) to 6.",
        "It is long because it is data: one line per name, so a regeneration diffs clearly.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"CLDR_VERSION = {_q(cldr)}",
        f"BABEL_VERSION = {_q(babel_version)}",
        "",
        "LANGUAGES: dict[str, str] = {",
        *(f"    {_q(code)}: {_q(name)}," for code, name in languages.items()),
        "}",
        '"""Language code -> its name in English."""',
        "",
        *_table("MONTHS", "Language code -> {month name: 1-12}.", months),
        *_table("WEEKDAYS", "Language code -> {weekday name: 0 Monday .. 6 Sunday}.", weekdays),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only compare with the module in the repo")
    args = parser.parse_args(argv)
    cldr, babel_version, months, weekdays = extract()
    text = render(cldr, babel_version, {c: n for c, (n, _) in LANGUAGES.items()}, months, weekdays)
    if args.check:
        same = TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)} is {'in step' if same else 'OUT OF STEP'} with CLDR {cldr}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} from CLDR {cldr} (Babel {babel_version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
