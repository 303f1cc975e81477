"""Encoder precision on this machine: throughput, parity with float32 by text length, and search quality.

Run: `make bench` (or `python benchmarks/bench_precision.py`). Prints, for each precision this CPU can
run (bfloat16 is measured everywhere; without native bf16 it is emulated, and `auto` does not take it):
- passages a second on real paragraphs of the bundled corpus;
- least and median cosine to float32, by text length (short sentences to paragraphs past 400 characters);
- search quality on the seed reports' sentences (indexed at that precision in a temporary folder) for
  held-out paraphrase queries, never used to tune anything: P@10 and nDCG@10 for dense and hybrid search.
  Relevance comes from the headings a sentence sits under (bench_quality's patterns). Dense search is
  also scored with queries encoded at the passages' precision, against the float32 numpy query path;
  and the top 10 of every query (bench_quality's and the held-out ones) is compared with float32's;
- themes of the seeds' paragraphs (k auto) from each precision's vectors against float32's: k, the
  adjusted Rand index and the share of equal labels.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_quality import TOPICS, relevance

from semcomp import Catalogue, ingest
from semcomp.embed.encoder import Encoder, cpu_has_bf16, resolve_precision
from semcomp.embed.models import resolve_model
from semcomp.index.build import build_index
from semcomp.search.similar import SearchIndex
from semcomp.store.filters import Filters
from semcomp.themes.agreement import agreement
from semcomp.themes.model import find_themes

DATA = Path(__file__).resolve().parent.parent / "data" / "reports"
PRECISIONS = ("float32", "bfloat16")
LENGTHS = {"1-19": (1, 19), "20-59": (20, 59), "60-149": (60, 149), "150-400": (150, 400), "600+": (600, 10**6)}
# held out: written for this benchmark only, unlike bench_quality's queries, which tuned the fusion
HELD_OUT = {
    "招商引资": "引进大项目，争取外来资金落地",
    "营商环境": "让企业开办和审批更快更省事",
    "乡村振兴": "农村产业发展和农民生活改善",
    "生态环境": "控制扬尘，整治河道黑臭水体",
    "教育": "扩充幼儿园和义务教育学位",
    "医疗卫生": "建设医院，提高群众就医便利",
    "就业": "稳定和扩大城乡劳动者岗位",
    "养老": "为老人提供照护和助餐服务",
    "科技创新": "鼓励企业加大研发投入，建设创新平台",
    "安全生产": "排查隐患，防止事故发生",
    "疫情防控": "应对新冠疫情，开展疫苗接种",
    "城市建设": "改善城区道路管网和市容面貌",
    "文化旅游": "发展旅游景区和文化活动",
    "交通": "建设地铁、快速路和公交线路",
    "财政": "地方政府的税收和支出",
    "住房": "保障性住房和城中村改造",
    "政府建设": "转变政府作风，廉洁高效履职",
    "工业": "发展制造业，推动工厂技术改造",
}
assert set(HELD_OUT) == set(TOPICS)


def sample_texts(cat: Catalogue, per_length: int) -> list[tuple[str, str]]:
    """(length bucket, text) of real sentences and paragraphs, ``per_length`` of each bucket, spread evenly.
    Paragraphs are cut at 400 characters, so the longest bucket joins four neighbours (past the model's
    512 tokens, encoded in windows)."""
    texts = [t for g in ("sentence", "paragraph") for _, t in cat.passage_texts(g)]
    paragraphs = [t for _, t in cat.passage_texts("paragraph")]
    texts += ["".join(paragraphs[i : i + 4]) for i in range(0, len(paragraphs) - 3, 4)]
    out = []
    for name, (lo, hi) in LENGTHS.items():
        pool = sorted({t for t in texts if lo <= len(t) <= hi})
        out += [(name, t) for t in pool[:: max(1, len(pool) // per_length)][:per_length]]
    return out


def throughput(encoder: Encoder, texts: list[str]) -> float:
    encoder.encode(texts[:8])  # load and warm
    began = time.perf_counter()
    encoder.encode(texts)
    return len(texts) / (time.perf_counter() - began)


def ndcg(ranked: list[int], relevant: set[int]) -> float:
    gains = sum(1 / math.log2(i + 2) for i, p in enumerate(ranked[:10]) if p in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return gains / ideal


def quality(rankings: dict[str, list[int]], rel: dict[str, set[int]]) -> tuple[float, float]:
    """Mean P@10 and nDCG@10 over the topics."""
    p = [sum(pid in rel[t] for pid in ranked[:10]) / 10 for t, ranked in rankings.items()]
    return statistics.fmean(p), statistics.fmean(ndcg(ranked, rel[t]) for t, ranked in rankings.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-length", type=int, default=60, help="texts per length bucket for speed and parity")
    parser.add_argument("--min-relevant", type=int, default=10, help="topics with fewer relevant sentences are left out")
    args = parser.parse_args()
    model = resolve_model()
    print(f"CPU native bf16: {cpu_has_bf16()}; auto picks {resolve_precision('auto', 'cpu')} on this CPU")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cat = Catalogue.open("seeds", root, create=True)
        ingest([DATA / "seeds"], cat)
        sample = sample_texts(cat, args.per_length)
        texts = [t for _, t in sample]
        buckets = np.array([b for b, _ in sample])
        encoders = {p: Encoder(model, precision=p) for p in PRECISIONS}
        vectors = {p: e.encode(texts).vectors for p, e in encoders.items()}
        print(f"\nparity with float32 on {len(texts)} real passages (least / median cosine)")
        print(f"{'precision':<11}{'passages/s':>11}" + "".join(f"{b:>19}" for b in LENGTHS))
        for p, enc in encoders.items():
            cos = (vectors[p] * vectors["float32"]).sum(1)
            cells = "".join(f"{cos[buckets == b].min():>10.6f} /{np.median(cos[buckets == b]):>7.5f}" for b in LENGTHS)
            print(f"{p:<11}{throughput(enc, texts):>11.1f}{cells}")

        print("\nsearch quality: seed sentences, held-out paraphrase queries")
        built = {}
        for p, enc in encoders.items():
            began = time.perf_counter()
            index_cat = Catalogue.open(f"seeds-{p}", root, create=True)
            ingest([DATA / "seeds"], index_cat)
            build_index(index_cat, enc)
            built[p] = SearchIndex(f"seeds-{p}", root)
            print(f"  indexed at {p} in {time.perf_counter() - began:.0f} s")
        rel = relevance(built["float32"], "sentence")
        topics = [t for t in TOPICS if len(rel[t]) >= args.min_relevant]
        print(f"  {len(topics)} topics with at least {args.min_relevant} relevant sentences")
        print(f"{'passages':<11}{'queries':<22}{'mode':<8}{'P@10':>7}{'nDCG@10':>9}")
        for p, search in built.items():
            for mode in ("dense", "hybrid"):
                ranks = {t: [h.passage_id for h in search.similar(HELD_OUT[t], k=10, granularity="sentence", mode=mode)] for t in topics}
                print(f"{p:<11}{'float32 (numpy path)':<22}{mode:<8}" + "{:>7.3f}{:>9.3f}".format(*quality(ranks, rel)))
            queries = encoders[p].encode([HELD_OUT[t] for t in topics], role="query").vectors
            allowed = search.allowed("sentence", Filters())
            ranks = {t: search.vectors("sentence").search(q, 10, allowed)[0].tolist() for t, q in zip(topics, queries, strict=True)}
            print(f"{p:<11}{p + ' (model)':<22}{'dense':<8}" + "{:>7.3f}{:>9.3f}".format(*quality(ranks, rel)))
        queries = [q for spec in TOPICS.values() for q in spec[:2]] + list(HELD_OUT.values())
        top = {p: [{h.passage_id for h in s.similar(q, k=10, granularity="sentence")} for q in queries] for p, s in built.items()}
        for p in PRECISIONS[1:]:
            overlap = statistics.fmean(len(a & b) / 10 for a, b in zip(top[p], top["float32"], strict=True))
            same = sum(a == b for a, b in zip(top[p], top["float32"], strict=True))
            print(f"  {p}: top 10 shared with float32 {overlap:.3f} on average; the same top 10 for {same} of {len(queries)} queries")

        print("\nthemes of the seeds' paragraphs (k auto), against float32")
        themes = {p: find_themes(s.catalogue) for p, s in built.items()}
        reference = themes["float32"]
        for p, t in themes.items():
            found = agreement(reference.labels, [x.label for x in reference.themes], t.labels, [x.label for x in t.themes])
            print(f"  {p:<10} k={t.k:<3} adjusted Rand {found.rand:.3f}, equal labels {found.labels:.0%}")


if __name__ == "__main__":
    main()
