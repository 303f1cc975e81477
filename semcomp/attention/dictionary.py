"""A concept dictionary as researchers write one: one concept a line, its words separated by spaces or
commas (``生态环境 环保 污染 节能减排``); the first word names the concept unless the line says
``名称：词 词 …``. Blank lines and lines starting with ``#`` are skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from semcomp.errors import SemcompError

_SPLIT = re.compile(r"[\s,，、;；]+")
# each concept's words are looked for in every passage: a 10,000-concept dictionary took 156 s and 2.5 GB on
# the bundled corpus; these bounds keep a run to seconds there (split a larger dictionary into parts)
MAX_CONCEPTS = 500
MAX_TERMS = 5_000


class DictionaryError(SemcompError):
    """A dictionary that names no concept, or one word twice."""


@dataclass(frozen=True)
class Concept:
    name: str
    terms: tuple[str, ...]


def read_dictionary(text: str) -> list[Concept]:
    concepts: list[Concept] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, rest = line.partition("：") if "：" in line else line.partition(":")
        words = [w for w in _SPLIT.split(rest if sep else line) if w]
        if not words:
            raise DictionaryError(f"line {number} of the dictionary names a concept with no words: {line!r}")
        concepts.append(Concept(name.strip() if sep else words[0], tuple(dict.fromkeys(words))))
    if not concepts:
        raise DictionaryError("the dictionary holds no concept: write one per line, its words separated by spaces")
    terms = sum(len(c.terms) for c in concepts)
    if len(concepts) > MAX_CONCEPTS or terms > MAX_TERMS:
        raise DictionaryError(f"the dictionary holds {len(concepts):,} concepts and {terms:,} words; at most {MAX_CONCEPTS} concepts"
                              f" and {MAX_TERMS:,} words are measured in one run: split it into parts")  # fmt: skip
    names = [c.name for c in concepts]
    if len(set(names)) != len(names):
        raise DictionaryError(f"the dictionary names a concept twice: {sorted({n for n in names if names.count(n) > 1})}")
    return concepts


EXAMPLE = "政策注意力.txt"


def example_dictionary() -> list[Concept]:
    """Five concepts the attention literature measures (环境保护, 科技创新, 扶贫, 营商环境, 招商引资):
    a starting point written for semcomp, not a validated instrument."""
    return read_dictionary(resources.files("semcomp.attention").joinpath(EXAMPLE).read_text(encoding="utf-8"))
