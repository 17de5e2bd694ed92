"""Shallow features of the lines of a page saved as text, for the boilerplate classifier.

A news page copied as text is a column of lines: menus, captions and teasers of other stories
around a run of prose paragraphs. Each line is described by its own shape (length, end
punctuation, capitalisation, share of function words, telltale wording such as "Read more" or
"Sign up") and by where it stands relative to the prose: before it, inside it or after it.
The same function serves training (``newsevents.tools.train_boilerplate``) and reading, so
the two never drift.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.extract.dates import find_date

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
TERMINAL = re.compile(r"[.!?…]['\"’”)»]*$|['\"’”]$")
LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]\s|[•·▪►»*|>–-]\s?)")
URL_LIKE = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w+\.\w", re.I)
SEPARATORS = re.compile(r"\s[|»›/•·]\s|\s>\s")
DIGIT = re.compile(r"\d")
BYLINE = re.compile(r"^(?:by|von|par|por)\b[\s:]", re.IGNORECASE)

# The commonest words of the languages most news is written in: prose is full of them, menus
# and headlines are not. English first; then German, French, Spanish, Italian, Portuguese, Dutch.
FUNCTION_WORD_LIST = """a about after against all also an and are as at be been but by could did
do does for from had has have he her his i if in into is it its more most not of on one or our
over said says she so than that the their them there these they this those to up was we were
what when where which while who will with would you
aber als am an auch auf aus bei bis das dass dem den der des die durch ein eine einem einen einer
es für hat ich im in ist mit nach nicht noch nur oder sich sie sind so um und uns von vor war
werden wie wir wird zu zum zur
au aux avec ce ces dans de des du elle en est et il ils je la le les leur mais ne nous ont ou
par pas pour qu que qui sa se ses son sont sur un une
al como con del el en es esta este la las lo los para pero por que se su sus una
che da di gli il non nel per sono
ao com da das do dos em na no os para pelo por que uma
de een het in is met niet op te van voor zijn"""
FUNCTION_WORDS = frozenset(FUNCTION_WORD_LIST.split())

# Wording that marks page chrome rather than article prose, grouped by what it does.
# Separated by |; matched as whole words, in any case, except that a capital may follow straight
# on ("Read moreSyria's Idlib...": link text glued to the next link).
CUE_LISTS = {
    "navigation": (
        "skip to|skip next|go to homepage|main menu|home page|homepage|menu|back to top|search|"
        "log in|login|sign in|register|my account|next page|previous page|page 1|next article|"
        "previous article"
    ),
    "more_stories": (
        "read more|more stories|more from|related|see also|also read|recommended|most read|"
        "most popular|trending|top stories|top story|latest news|explore more|more on this|"
        "you may also|you might also|in other news|more news|editor's pick|editors' pick|watch:|"
        "video:|listen:"
    ),
    "subscription": (
        "newsletter|sign up|subscribe|subscription|cookie|privacy|terms of use|"
        "terms and conditions|terms of service|advertisement|sponsored content|rss|e-mail alert|"
        "email alert|notifications|download the app"
    ),
    "sharing": (
        "share|facebook|twitter|whatsapp|linkedin|pinterest|email this|e-mail this|print this|"
        "comments|comment|feedback|tweet|reddit"
    ),
    "credit": (
        "image:|photo:|picture:|photograph:|credit:|caption|getty images|ap photo|afp photo|"
        "reuters/|/reuters|/afp|afp/|file photo|pictured|photo by|photos by|image by|imago|"
        "picture-alliance|dpa/|/dpa|epa/|/epa|shutterstock"
    ),
    "legal": (
        "©|copyright|all rights reserved|(c) |contact us|about us|imprint|impressum|"
        "accessibility|sitemap|site map|careers|faq"
    ),
}


@dataclass(frozen=True)
class CueGroup:
    """Cue phrases, and a pattern that finds them as whole words."""

    phrases: tuple[str, ...]
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, cues: str) -> CueGroup:
        phrases = tuple(cues.split("|"))
        return cls(phrases, re.compile("|".join(map(_bounded, phrases)), re.IGNORECASE))

    def found_in(self, line: str, lowered: str) -> bool:
        # The substring test is cheap and rules out most lines before the slower pattern runs.
        return any(p in lowered for p in self.phrases) and bool(self.pattern.search(line))


def _bounded(cue: str) -> str:
    left = r"(?<!\w)" if cue[0].isalnum() else ""
    right = r"(?-i:(?![a-z0-9_]))" if cue[-1].isalnum() else ""
    return f"{left}{re.escape(cue)}{right}"


CUES: dict[str, CueGroup] = {name: CueGroup.of(cues) for name, cues in CUE_LISTS.items()}

WORD_BINS = (1, 2, 4, 7, 11, 21, 41)

FEATURE_NAMES: tuple[str, ...] = (
    *(f"words>={n}" for n in WORD_BINS),
    "terminal",
    "colon_end",
    "capitalised",
    "function_words",
    "digits",
    "url",
    "list_marker",
    "separators",
    "byline",
    *(f"cue_{name}" for name in CUES),
    "cue_in_short_line",
    "date",
    "sentences",
    "repeated",
    "position",
    "before_prose",
    "after_prose",
    "prose_distance",
    "prev_prose",
    "next_prose",
    "prev_words",
    "next_words",
    "prev_terminal",
    "next_terminal",
    "unpunctuated_between_prose",
)


# Headline candidates (lines above the body) are also described by how far they stand from the
# body and how many of their content words the body repeats: a headline's words come back in
# the lede, a teaser's or a menu's do not.
TITLE_FEATURE_NAMES: tuple[str, ...] = ("lines_to_body", "body_overlap")


def title_features(lines: Sequence[str], first_body: int, body_text: str) -> list[list[float]]:
    """Extra features of each line above the body, for the headline model."""
    body_words = {w.lower() for w in words(body_text)}
    rows = []
    for i in range(first_body):
        content = [w.lower() for w in words(lines[i]) if w.lower() not in FUNCTION_WORDS]
        overlap = sum(w in body_words for w in content) / len(content) if content else 0.0
        rows.append([math.log1p(first_body - i), overlap])
    return rows


def words(line: str) -> list[str]:
    return WORD.findall(line)


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph: long, ends a sentence, full of 'the' and 'of'."""
    tokens = words(line)
    if len(tokens) < 12 or not TERMINAL.search(line):
        return False
    return function_word_share(tokens) >= 0.2


def is_plain_sentence(line: str) -> bool:
    """A line that is one or more sentences, with nothing of the chrome's wording in it."""
    return (
        len(words(line)) >= 4
        and bool(TERMINAL.search(line))
        and not any(group.found_in(line, line.lower()) for group in CUES.values())
    )


def function_word_share(tokens: Sequence[str]) -> float:
    if not tokens:
        return 0.0
    return sum(t.lower() in FUNCTION_WORDS for t in tokens) / len(tokens)


def capitalised_share(tokens: Sequence[str]) -> float:
    if not tokens:
        return 0.0
    return sum(t[0].isupper() for t in tokens) / len(tokens)


def shape_features(line: str) -> list[float]:
    """Features of one line on its own."""
    tokens = words(line)
    lowered = line.lower()
    cues = [float(group.found_in(line, lowered)) for group in CUES.values()]
    n_chars = max(len(line), 1)
    return [
        *(float(len(tokens) >= n) for n in WORD_BINS),
        float(bool(TERMINAL.search(line))),
        float(line.endswith(":")),
        capitalised_share(tokens),
        function_word_share(tokens),
        len(DIGIT.findall(line)) / n_chars,
        float(bool(URL_LIKE.search(line))),
        float(bool(LIST_MARKER.match(line))),
        float(bool(SEPARATORS.search(line))),
        float(bool(BYLINE.match(line))),
        *cues,
        float(any(cues) and len(tokens) < 12),
        float(len(tokens) <= 12 and find_date(line) is not None),
        math.log1p(len(re.findall(r"[.!?]\s+[A-Z\"“]", line))),
    ]


def page_features(lines: Sequence[str]) -> list[list[float]]:
    """Features of every line of a page: its shape, and its place among the prose lines."""
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    counts = Counter(lines)
    word_counts = [len(words(line)) for line in lines]
    terminal = [bool(TERMINAL.search(line)) for line in lines]
    prose_set = set(prose)
    n = len(lines)
    first, last = (prose[0], prose[-1]) if prose else (n, -1)
    rows = []
    for i, line in enumerate(lines):
        distance = _distance_to_nearest(prose, i, default=n)
        rows.append(
            [
                *shape_features(line),
                float(counts[line] > 1),
                i / max(n - 1, 1),
                float(i < first),
                float(i > last),
                math.log1p(distance),
                float(i - 1 in prose_set),
                float(i + 1 in prose_set),
                math.log1p(word_counts[i - 1]) if i > 0 else 0.0,
                math.log1p(word_counts[i + 1]) if i + 1 < n else 0.0,
                float(i > 0 and terminal[i - 1]),
                float(i + 1 < n and terminal[i + 1]),
                # a headline-shaped line between two paragraphs: more often a teaser of another
                # story or a comment header than a subheading of this one
                float(not terminal[i] and i - 1 in prose_set and i + 1 in prose_set),
            ]
        )
    return rows


def _distance_to_nearest(sorted_positions: Sequence[int], i: int, default: int) -> int:
    k = bisect.bisect_left(sorted_positions, i)
    near = sorted_positions[max(k - 1, 0) : k + 1]
    return min((abs(i - j) for j in near), default=default)
