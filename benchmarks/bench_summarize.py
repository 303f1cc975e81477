"""Summaries benchmark: semcomp against sumy's LexRank and TextRank (jieba words) and lead-k.

Run: `make bench` (or `python benchmarks/bench_summarize.py [--index seeds]`). Needs an index with
the reports' sentences (the demo's `seeds` index has them; embeddings come from the cache).

Measured without any method's own scores: for every top-level section with two or more
sub-sections, each method picks as many sentences as there are sub-sections (at most five).
- coverage: the share of the sub-sections that at least one picked sentence comes from;
- redundancy: the largest character-bigram Jaccard overlap between two picked sentences;
- concrete: the share of picked sentences with a figure, a quoted name or a named facility;
- lead-ins: the share of picked sentences that are a paragraph's bare run-in heading
  (``全面壮大项目投资。``), which say little on their own;
- time per report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

from semcomp.embed.encoder import Encoder
from semcomp.embed.models import resolve_model
from semcomp.store.catalogue import Catalogue
from semcomp.summarize.summarizer import run_in_headings, summarize_report
from semcomp.text.sentences import is_concrete
from semcomp.text.terms import bigrams, words

MAX_PICK = 5


class JiebaTokenizer:
    """sumy's tokenizer interface, with jieba words (sentences are given, already split)."""

    language = "chinese"

    def to_words(self, sentence: str) -> list[str]:
        return [w for w in words(sentence) if len(w) > 1]


def sumy_pick(kind: str, sentences: list[str], n: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    tokenizer = JiebaTokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    summarizer = LexRankSummarizer() if kind == "lexrank" else TextRankSummarizer()
    return [s._text for s in summarizer(document, n)]


def redundancy(texts: list[str]) -> float:
    grams = [set(bigrams(t)) for t in texts]
    pairs = [len(a & b) / max(len(a | b), 1) for i, a in enumerate(grams) for b in grams[i + 1 :]]
    return max(pairs, default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="seeds")
    args = parser.parse_args()
    cat = Catalogue.open(args.index)
    encoder = Encoder(resolve_model())
    scores: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    seconds: dict[str, float] = defaultdict(float)
    reports = [r.id for r in cat.reports()]
    sections_scored = 0
    for rid in reports:
        report = cat.report(rid)
        tops = [s for s in report.sections if s.depth == 1]
        for top in tops:
            children = [s.path for s in report.sections if s.path.startswith(top.path + ".") and s.path.count(".") == 1]
            members = [
                p for p in report.passages if p.granularity == "sentence" and p.kind == "body" and p.section_path.startswith(top.path + ".")
            ]
            n = min(len(children), MAX_PICK)
            if n < 2 or len(members) <= n:
                continue
            sections_scored += 1
            child_of = {p.text: p.section_path.split(".")[0] + "." + p.section_path.split(".")[1] for p in members}
            runs = {}
            for method in ("lexrank", "textrank", "lead"):
                start = time.perf_counter()
                out = summarize_report(cat, rid, encoder if method == "lexrank" else None, section=top.path, sentences=n, method=method)
                seconds[f"semcomp {method}"] += time.perf_counter() - start
                runs[f"semcomp {method}"] = [p.text for p in out[0].sentences]
            for kind in ("lexrank", "textrank"):
                start = time.perf_counter()
                runs[f"sumy {kind}"] = sumy_pick(kind, [p.text for p in members], n)
                seconds[f"sumy {kind}"] += time.perf_counter() - start
            lead_in_texts = {members[i].text for i in run_in_headings(members)}
            for name, picked in runs.items():
                covered = len({child_of.get(t) for t in picked} - {None}) / n
                concrete = sum(map(is_concrete, picked)) / len(picked)
                lead_ins = sum(t in lead_in_texts for t in picked) / len(picked)
                scores[name].append((covered, redundancy(picked), concrete, lead_ins))
    print(f"index '{args.index}': {len(reports)} reports, {sections_scored} sections with sub-sections")
    print(f"{'method':<20}{'coverage':>10}{'redundancy':>12}{'concrete':>10}{'lead-ins':>10}{'s/report':>10}")
    for name in ("semcomp lexrank", "semcomp textrank", "semcomp lead", "sumy lexrank", "sumy textrank"):
        cov, red, concrete, lead_ins = (statistics.fmean(s[k] for s in scores[name]) for k in range(4))
        print(f"{name:<20}{cov:>10.3f}{red:>12.3f}{concrete:>10.3f}{lead_ins:>10.3f}{seconds[name] / len(reports):>10.2f}")


if __name__ == "__main__":
    main()
