"""Theme labels a reader understands: top words by class-based TF-IDF over jieba words.

Each theme's passages are one class document; a word's weight is its frequency in the class times
log(1 + A / its frequency over all classes), A being the average class size in words (the c-TF-IDF
of BERTopic). Government-report boilerplate (坚持, 全面, 推进, 加快, 进一步…) and numbers never name
a theme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from semcomp.text.content_words import content_words


def class_tfidf(texts: Sequence[str], labels: np.ndarray, n_classes: int, top: int = 10) -> list[list[str]]:
    """Top label words of each class (0 … n_classes-1); passages labelled -1 are ignored."""
    counts: list[Counter[str]] = [Counter() for _ in range(n_classes)]
    for text, label in zip(texts, labels, strict=True):
        if label >= 0:
            counts[label].update(content_words(text))
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    average = sum(total.values()) / max(n_classes, 1)
    out = []
    for c in counts:
        size = max(sum(c.values()), 1)
        scored = sorted(c, key=lambda w: (-(c[w] / size) * np.log(1 + average / total[w]), w))
        out.append(scored[:top])
    return out
