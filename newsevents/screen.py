"""A cheap, exact test that a regular expression cannot match a text: the words every match
must contain.

Case-insensitive patterns that open with an alternation of words ("chemical|chlorine|sarin")
give Python's regular expression engine no literal to scan for: it tries every branch at
every position of the text. The event models read some forty such cue patterns in every
sentence (about 0.5 ms a sentence). Yet every match of such a pattern contains one of a few
words (for ``\\b(?:shell(?:ed|ing)|artillery|mortars?)\\b``: "shell", "artillery", "mortar"),
and a substring test in the lower-cased text is two orders of magnitude cheaper; a pattern
none of whose words the text holds need not be run. The answer is the pattern's own:
``may_match`` is False only when ``pattern.search`` would find nothing. The words are read
from the pattern's source by :class:`PatternReader`, which knows the ``re`` module's documented
syntax (the standard library keeps its own parser private): what it does not read as a literal
gives no word, so a pattern it cannot read is simply always run.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The only characters that a case-insensitive pattern's ASCII letter matches but that
# str.lower() does not turn into that letter ("İ" -> "i" + a dot above, "ı", "ſ"): a text
# holding one of them is not screened.
FOLDS_TO_ASCII = "\u0130\u0131\u017f"


def may_match(pattern: re.Pattern[str], lowered: str | None) -> bool:
    """False only when ``pattern`` cannot match the text whose ``lowered`` form (from
    :func:`lowered_text`) is given; None screens nothing."""
    if lowered is None:
        return True
    words = words_by_source(pattern.pattern, pattern.flags)
    if words is None:
        return True
    for word in words:  # noqa: SIM110 - a loop, not any() over a generator: half the cost
        if word in lowered:
            return True
    return False


def lowered_text(text: str) -> str | None:
    """The text as :func:`may_match` reads it, or None when it cannot be screened."""
    if not text.isascii() and any(c in text for c in FOLDS_TO_ASCII):
        return None
    return text.lower()


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains; None when
    the pattern gives no such set (it would then always be run)."""
    return words_by_source(pattern.pattern, pattern.flags)


# Cached by the pattern's source and flags, not by the Pattern: a Pattern's own hash reads its
# whole compiled code, which cost as much as the words' test.
@lru_cache(maxsize=1024)
def words_by_source(source: str, flags: int) -> frozenset[str] | None:
    """:func:`required_words` of the pattern compiled from ``source`` with ``flags``."""
    if flags & re.VERBOSE:
        return None  # its spaces and comments are no literals: not read here
    try:
        return sequence_words(PatternReader(source).alternation())
    except NotScreened:
        return None


# A part of a sequence: a literal character, or the words one of which its every match holds
# (None: no such words).
Part = str | frozenset[str] | None
# {m}, {m,}, {m,n}, {,n}, {,}: a repeat count; any other brace is a literal.
REPEAT = re.compile(r"\{(?:(\d+)(?:,\d*)?|,\d*)\}")
ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
OCTAL = re.compile(r"[0-7]{1,2}")  # after an escape's first digit
FLAGS = re.compile(r"[aiLmsux-]+")


class NotScreened(Exception):
    """Syntax this reader leaves alone (verbose flags): the pattern is always run."""


class PatternReader:
    """Reads a pattern's source, as the ``re`` module's syntax is documented, into the parts
    of its sequences: literal characters kept, groups without a repeat spliced in, the words
    of an alternation or a repeated part summed up; character classes but of one character,
    anchors, lookarounds and backreferences give no word."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.i = 0

    def peek(self) -> str:
        return self.source[self.i : self.i + 1]

    def take(self) -> str:
        self.i += 1
        return self.source[self.i - 1 : self.i]

    def skip_past(self, end: str) -> None:
        self.i = self.source.index(end, self.i) + 1

    def alternation(self) -> list[Part]:
        """The parts up to a closing parenthesis or the end: one branch's own, or the union of
        the branches' words (every branch must give some)."""
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        words = [found for found in map(sequence_words, branches) if found is not None]
        return [frozenset().union(*words) if len(words) == len(branches) else None]

    def sequence(self) -> list[Part]:
        parts: list[Part] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            least = self.repeat()
            if least is None:
                parts.extend(atom)
            else:  # a part repeated at least once is in every match; else in none
                parts.append(sequence_words(atom) if least >= 1 else None)
        return parts

    def atom(self) -> list[Part]:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return [self.char_class()]
        if char == "\\":
            return [self.escape(in_class=False)]
        return [None] if char in ".^$" else [char]

    def repeat(self) -> int | None:
        """The least count of the repeat that follows, if one does (lazy or possessive too)."""
        char = self.peek()
        if char in ("*", "+", "?"):
            self.i += 1
            least = int(char == "+")
        elif found := REPEAT.match(self.source, self.i):
            self.i = found.end()
            least = int(found.group(1) or 0)
        else:
            return None
        if self.peek() in ("?", "+"):
            self.i += 1
        return least

    def group(self) -> list[Part]:
        """A group's parts, after its opening parenthesis."""
        if self.peek() != "?":
            return self.closed(self.alternation())
        self.i += 1
        kind = self.take()
        if kind == "#":  # a comment
            self.skip_past(")")
            return []
        if kind == "P" and self.take() == "=":  # a backreference by name
            self.skip_past(")")
            return [None]
        if kind == "P":  # (?P<name>...)
            self.skip_past(">")
        elif kind == "(":  # (?(group)yes|no)
            self.skip_past(")")
            self.closed(self.alternation())
            return [None]
        elif kind in ("=", "!") or (kind == "<" and self.take() in ("=", "!")):  # lookarounds
            self.closed(self.alternation())
            return [None]
        elif kind not in (":", ">"):  # flags: (?aiLmsux) for the whole pattern, or (?i-s:...)
            self.i -= 1
            found = FLAGS.match(self.source, self.i)
            self.i = found.end() if found else self.i
            if found and "x" in found.group():
                raise NotScreened
            if self.take() == ")":
                return []
        return self.closed(self.alternation())

    def closed(self, parts: list[Part]) -> list[Part]:
        self.i += 1  # the closing parenthesis
        return parts

    def char_class(self) -> Part:
        """A class of one character is that character; any other, no word."""
        negated = self.peek() == "^"
        self.i += negated
        members: list[Part] = []
        while (char := self.take()) != "]" or not members:  # a "]" first is a member
            members.append(self.escape(in_class=True) if char == "\\" else char)
        return members[0] if len(members) == 1 and not negated else None

    def escape(self, in_class: bool) -> Part:
        """The character a backslash escape stands for; None for a class, an anchor or a
        backreference."""
        char = self.take()
        if char in "dDsSwWAZB" or (char == "b" and not in_class):
            return None
        if char == "b":
            return "\b"
        if char.isdigit():
            found = OCTAL.match(self.source, self.i)
            octal = found.group() if found else ""
            if char == "0" or in_class or (char in "1234567" and len(octal) == 2):
                self.i += len(octal)
                return chr(int(char + octal, 8))
            self.i += self.peek().isdigit()  # a backreference by number
            return None
        if char in HEX_DIGITS:
            digits = self.source[self.i : self.i + HEX_DIGITS[char]]
            self.i += len(digits)
            return chr(int(digits, 16))
        if char == "N":  # \N{name}
            end = self.source.index("}", self.i)
            name, self.i = self.source[self.i + 1 : end], end + 1
            return unicodedata.lookup(name)
        return ESCAPED.get(char, char)


def sequence_words(parts: list[Part]) -> frozenset[str] | None:
    """The words of the part of a sequence whose shortest word is longest, of those the fewest
    (the likeliest to be absent: "ago" before "day|week|month|year"): every part of a sequence
    is in every match, except optional ones (which give none); runs of literal characters are
    parts of their own."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for part in [*parts, None]:
        if isinstance(part, str):
            run.append(part)
            continue
        if run:
            word = "".join(run).lower()
            if word.isascii():
                options.append(frozenset({word}))
            run = []
        if part is not None:
            options.append(part)
    return max(options, key=lambda words: (min(map(len, words)), -len(words)), default=None)
