"""Themes benchmark: semcomp against BERTopic on the same stored embeddings.

Run: `make bench` (or `python benchmarks/bench_themes.py [--index corpus]`). Needs the paragraph
index of the bundled reports. Each system runs twice, each run in a fresh process:
- time and peak memory;
- agreement with an independent labelling of the passages, as NMI: each body paragraph gets the
  policy area of the headings it sits under (hand-written patterns, eight areas; paragraphs under no
  recognisable heading are left out). AMI, which corrects for the number of clusters, is printed
  too: NMI alone favours whoever makes more clusters;
- whether the second run gives the same themes (adjusted Rand index between the two runs);
- for semcomp, whether vectors from another machine give the same themes: the stored vectors with noise
  of the size bf16 arithmetic adds (squared distance 1.1e-5, cosine 0.9999945, as measured on a county
  slice encoded both ways), clustered again: k, adjusted Rand index and share of equal labels.
BERTopic gets the same embeddings and a jieba vectorizer with the same stopwords, and its defaults
otherwise (UMAP + HDBSCAN), as a user would run it.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, normalized_mutual_info_score

AREAS = {
    "产业经济": r"产业|工业|企业|招商|项目|投资|经济运行|服务业|消费|民营",
    "农业农村": r"农业|农村|乡村|三农|脱贫|扶贫",
    "生态环境": r"生态|环境|污染|绿色",
    "社会民生": r"民生|教育|医疗|卫生|就业|养老|社会保障|社会事业|文化",
    "城乡建设": r"城市|城镇|城乡|交通|基础设施|县城",
    "改革开放": r"改革|开放|营商环境|放管服",
    "科技创新": r"科技|创新|人才",
    "政府建设与安全": r"政府自身|法治|廉政|作风|安全|稳定|平安",
}


def reference_labels(index: str) -> tuple[np.ndarray, np.ndarray]:
    """(passage ids, area index) for body paragraphs under a recognisable heading."""
    from semcomp.search.similar import SearchIndex
    from semcomp.themes.model import BODY

    search = SearchIndex(index)
    titles = search.catalogue.section_titles()
    patterns = [re.compile(p) for p in AREAS.values()]
    allowed = set(search.allowed("paragraph", BODY).tolist())
    ids, areas = [], []
    for pid, rid, path, _ in search.catalogue.passage_places("paragraph"):
        if pid not in allowed:
            continue
        parts = path.split(".")
        headings = " ".join(titles.get((rid, ".".join(parts[: i + 1])), "") for i in range(len(parts)))
        hit = next((i for i, p in enumerate(patterns) if p.search(headings)), None)
        if hit is not None:
            ids.append(pid)
            areas.append(hit)
    return np.array(ids), np.array(areas)


def worker(system: str, index: str, out: Path) -> None:
    from semcomp.search.similar import SearchIndex
    from semcomp.themes.model import BODY, MIN_CHARS, find_themes, passage_rows

    search = SearchIndex(index)
    ids = search.allowed("paragraph", BODY)
    start = time.perf_counter()
    noise = {}
    if system == "semcomp":
        result = find_themes(search.catalogue, BODY, k="auto")
        ids, labels = result.passage_ids, result.labels
        n = result.k
        seconds = time.perf_counter() - start
        noise = bf16_noise(search, result)
    else:
        from bertopic import BERTopic
        from sklearn.feature_extraction.text import CountVectorizer

        from semcomp.text.content_words import content_words

        texts = [r.text for r in passage_rows(search.catalogue, ids)]
        long_enough = np.array([len(t) >= MIN_CHARS for t in texts])  # the same passages as semcomp
        ids, texts = ids[long_enough], [t for t, ok in zip(texts, long_enough, strict=True) if ok]
        vectors = search.vectors("paragraph").vectors(ids)
        vectorizer = CountVectorizer(analyzer=content_words)
        model = BERTopic(vectorizer_model=vectorizer, language="multilingual")
        topics, _ = model.fit_transform(texts, embeddings=vectors)
        labels = np.asarray(topics)
        n = len(set(topics) - {-1})
        seconds = time.perf_counter() - start
    np.savez(out, ids=ids, labels=labels)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 1), "peak_mb": round(peak), "themes": n, "outliers": int((labels < 0).sum())} | noise))


def bf16_noise(search, result) -> dict:  # a SearchIndex and its Themes
    """The same passages clustered again from their vectors with noise at bf16 scale."""
    from semcomp.themes.agreement import agreement
    from semcomp.themes.model import cluster, passage_rows

    vectors = search.vectors("paragraph").vectors(result.passage_ids)
    noisy = vectors + np.random.default_rng(0).normal(scale=np.sqrt(1.1e-5 / vectors.shape[1]), size=vectors.shape)
    noisy = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
    texts = [r.text for r in passage_rows(search.catalogue, result.passage_ids)]
    again = cluster(texts, noisy, "auto")
    found = agreement(result.labels, [t.label for t in result.themes], again.labels, ["、".join(w[:3]) for w in again.terms])
    return {"noise_k": again.k, "noise_ari": round(found.rand, 3), "noise_labels": round(found.labels, 3)}



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--systems", default="semcomp,bertopic", help="which to run, comma-separated")
    parser.add_argument("--worker", choices=("semcomp", "bertopic"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.index, args.out)
        return
    from semcomp.search.similar import SearchIndex
    from semcomp.themes.model import BODY

    all_ids = SearchIndex(args.index).allowed("paragraph", BODY)
    ref_ids, areas = reference_labels(args.index)
    print(f"{len(all_ids)} body paragraphs; {len(ref_ids)} with a policy area from their headings ({len(AREAS)} areas)")
    print(f"{'system':<10}{'themes':>8}{'outliers':>10}{'NMI':>7}{'AMI':>7}{'time (s)':>10}{'peak MB':>9}{'same twice (ARI)':>18}")
    tmp = Path("/tmp") if Path("/tmp").is_dir() else Path(".")
    for system in args.systems.split(","):
        runs, labels, ids = [], [], {}
        for run in (1, 2):
            out = tmp / f"themes-{system}-{run}.npz"
            done = subprocess.run([sys.executable, __file__, "--worker", system, "--index", args.index, "--out", str(out)],
                                  check=True, capture_output=True, text=True)  # fmt: skip
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            saved = np.load(out)
            ids[system] = saved["ids"]
            labels.append(saved["labels"])
        found = np.isin(ref_ids, ids[system])
        truth, predicted = areas[found], labels[0][np.searchsorted(ids[system], ref_ids[found])]
        nmi, ami = normalized_mutual_info_score(truth, predicted), adjusted_mutual_info_score(truth, predicted)
        ari = adjusted_rand_score(labels[0], labels[1])
        r = runs[0]
        print(f"{system:<10}{r['themes']:>8}{r['outliers']:>10}{nmi:>7.3f}{ami:>7.3f}{r['seconds']:>10}{r['peak_mb']:>9}{ari:>18.3f}")
        if "noise_k" in r:
            same = f"adjusted Rand {r['noise_ari']:.3f}, equal labels {r['noise_labels']:.0%}"
            print(f"{'':<10}with bf16-scale noise: k={r['noise_k']}, {same}")


if __name__ == "__main__":
    main()
