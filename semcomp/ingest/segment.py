"""Sentence splitting and paragraph chunking for Chinese report prose (pure functions on str)."""

from __future__ import annotations

ENDS = frozenset("。！？；!?;")
OPEN_QUOTES = frozenset("“‘「『")
CLOSERS = frozenset("”’」』）)】》")
MAX_QUOTED = 120  # a quote left open longer than this is treated as unbalanced
MAX_CHUNK = 400  # characters per paragraph passage; e5 reads ~512 tokens


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text``.

    Splits after ``。！？；`` (and ``……``), keeps closing quotes and brackets with their sentence,
    does not split inside a quotation (``“……。”是`` stays whole) unless the quote runs on
    implausibly long, and never returns an empty or punctuation-only sentence.
    """
    spans: list[tuple[int, int]] = []
    start = depth = 0
    quote_at = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN_QUOTES:
            if depth == 0:
                quote_at = i
            depth += 1
        elif ch in "”’」』":
            depth = max(0, depth - 1)
        is_end = ch in ENDS or (ch == "…" and i + 1 < n and text[i + 1] == "…")
        if is_end:
            j = i + 1
            while j < n and (text[j] in ENDS or text[j] in CLOSERS or text[j] == "…"):
                if text[j] in "”’」』":
                    depth = max(0, depth - 1)
                j += 1
            if depth == 0 or i - quote_at > MAX_QUOTED:
                depth = 0
                spans.append((start, j))
                start = j
            i = j
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if out and all(c in ENDS or c in CLOSERS for c in text[a:b]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def chunk_paragraph(text: str, max_chars: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """Spans of at most ``max_chars`` that cut a long paragraph at sentence ends.

    A single sentence longer than the limit is cut at commas, and only as a last resort at the
    limit itself, so no chunk ever exceeds it.
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    for a, b in split_sentences(text):
        while b - a > max_chars:
            cut = max((a + k + 1 for k, c in enumerate(text[a : a + max_chars]) if c in "，、,："), default=a + max_chars)
            pieces.append((a, cut))
            a = cut
        pieces.append((a, b))
    chunks: list[tuple[int, int]] = []
    for a, b in pieces:
        if chunks and b - chunks[-1][0] <= max_chars:
            chunks[-1] = (chunks[-1][0], b)
        else:
            chunks.append((a, b))
    return chunks
