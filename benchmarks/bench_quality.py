"""Retrieval quality of `similar` on the bundled reports: hybrid against dense and lexical.

Run: `make bench` (or `python benchmarks/bench_quality.py [--index corpus]`). Needs a paragraph
index over the bundled reports (`semcomp index data/reports --index corpus --level paragraph`, about
25 minutes of encoding on two cores the first time; cached afterwards).

Relevance is defined without the system: a paragraph is relevant to a topic when the headings it
sits under, or its own lead-in heading (`强化招商引资力度。`), match a hand-written pattern for the
topic. Every topic is asked twice: as the keyword a user types, and as a paraphrase that avoids the
keyword. Two settings are scored:
- within one report (the user's "what does this district say about X"): recall@10, MRR, P@10 over
  every (topic, report) pair with 1–30 relevant paragraphs;
- across the corpus: MRR and P@10.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import defaultdict

from semcomp.model import Granularity
from semcomp.search.similar import Filters, SearchIndex

# topic: (keyword query, paraphrase query, heading pattern)
TOPICS: dict[str, tuple[str, str, str]] = {
    "招商引资": ("招商引资", "吸引外地企业到本地投资落户", r"招商|引资|招引|引进项目|项目引进"),
    "营商环境": ("营商环境", "为企业办事提供便利，减少审批环节", r"营商环境|放管服|政务服务|审批制度"),
    "乡村振兴": ("乡村振兴", "发展农村经济，增加农民收入", r"乡村振兴|三农|农业农村|新农村|美丽乡村|脱贫|扶贫"),
    "生态环境": ("生态环境保护", "治理大气和水体污染，改善空气质量", r"生态|环境保护|污染防治|环境治理|蓝天|碧水|绿色发展"),
    "教育": ("教育", "新建中小学校，增加学位供给", r"教育|办学|学校"),
    "医疗卫生": ("医疗卫生", "提升医院服务水平，方便群众看病", r"医疗|卫生|健康"),
    "就业": ("就业", "帮助高校毕业生和困难人员找到工作", r"就业|创业"),
    "养老": ("养老服务", "照顾老年人，建设敬老院和日间照料中心", r"养老|老龄"),
    "科技创新": ("科技创新", "支持企业研发新技术，培育高新技术企业", r"科技|创新驱动|研发|创新能力"),
    "安全生产": ("安全生产", "防范重大事故，保障人民群众生命财产安全", r"安全生产|应急管理|防灾减灾|安全稳定|平安"),
    "疫情防控": ("疫情防控", "新冠肺炎病毒的防控与核酸检测", r"疫情"),
    "城市建设": ("城市更新", "改造老旧小区，完善城市基础设施", r"城市更新|城市建设|城镇化|城市管理|旧城改造|老旧小区|城乡建设"),
    "文化旅游": ("文化旅游", "打造景区，吸引游客来观光", r"文化|旅游|文旅"),
    "交通": ("交通建设", "修建道路和桥梁，完善路网", r"交通|公路|铁路|路网"),
    "财政": ("财政收支", "政府的收入和支出情况", r"财政|预算|税收"),
    "住房": ("住房保障", "解决群众住房困难", r"住房|保障房|棚户区|房地产"),
    "政府建设": ("政府自身建设", "加强政府廉洁和依法行政", r"政府自身建设|廉政|法治政府|依法行政|作风建设|自身建设"),
    "工业": ("工业经济", "壮大制造业企业，推动产业转型升级", r"工业|制造业|产业集群|实体经济"),
}
LEAD = re.compile(r"^[^。！？；]{2,24}[。！？；]")
MODES = ("hybrid", "dense", "lexical")


def relevance(search: SearchIndex, granularity: Granularity = "paragraph") -> dict[str, set[int]]:
    """Topic → ids of relevant body passages of a granularity, from headings alone."""
    titles = search.catalogue.section_titles()
    rel: dict[str, set[int]] = defaultdict(set)
    patterns = {t: re.compile(p) for t, (_, _, p) in TOPICS.items()}
    for pid, rid, path, text in search.catalogue.passage_places(granularity):
        parts = path.split(".")
        headings = [titles.get((rid, ".".join(parts[: i + 1])), "") for i in range(len(parts))]
        lead = LEAD.match(text)
        where = " ".join(headings) + (" " + lead.group(0) if lead else "")
        for topic, pattern in patterns.items():
            if pattern.search(where):
                rel[topic].add(pid)
    return rel


def score(ranked: list[int], relevant: set[int]) -> tuple[float, float, float]:
    """recall@10 (of min(|relevant|, 10), so that 1.0 is reachable), reciprocal rank, precision@10."""
    top = ranked[:10]
    hits = [p in relevant for p in top]
    rr = next((1 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
    return sum(hits) / min(len(relevant), 10), rr, sum(hits) / 10


def evaluate(search: SearchIndex, rel: dict[str, set[int]], mode: str, form: int, per_report: dict, **fusion) -> dict[str, float]:
    within: list[tuple[float, float, float]] = []
    corpus: list[tuple[float, float, float]] = []
    for topic, spec in TOPICS.items():
        if not rel[topic]:
            continue
        query = spec[form]
        hits = search.similar(query, k=10, mode=mode, **fusion)
        corpus.append(score([h.passage_id for h in hits], rel[topic]))
        for report, relevant in per_report[topic].items():
            hits = search.similar(query, k=10, mode=mode, filters=Filters(reports=(report,)), **fusion)
            within.append(score([h.passage_id for h in hits], relevant))
    mean = lambda xs, i: statistics.fmean(x[i] for x in xs)  # noqa: E731
    return {
        "recall@10": mean(within, 0), "MRR": mean(within, 1), "P@10": mean(within, 2),
        "corpus MRR": mean(corpus, 1), "corpus P@10": mean(corpus, 2), "pairs": len(within),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--max-reports", type=int, default=60, help="reports per topic in the within-report setting")
    args = parser.parse_args()
    search = SearchIndex(args.index)
    rel = relevance(search)
    places = search.catalogue.passage_places("paragraph")
    report_of = {pid: rid for pid, rid, _, _ in places}
    per_report: dict[str, dict[str, set[int]]] = {}
    for topic, ids in rel.items():
        groups: dict[str, set[int]] = defaultdict(set)
        for pid in ids:
            groups[report_of[pid]].add(pid)
        eligible = sorted(r for r, g in groups.items() if 1 <= len(g) <= 30)
        step = max(1, len(eligible) // args.max_reports)
        per_report[topic] = {r: groups[r] for r in eligible[::step][: args.max_reports]}
    n_par = len(places)
    print(f"index '{args.index}': {n_par} body paragraphs; {len(TOPICS)} topics, relevant per topic "
          f"{min(map(len, rel.values()))}–{max(map(len, rel.values()))}")  # fmt: skip
    runs = [(m, {}) for m in MODES] + [
        ("hybrid", {"dense_weight": w}) for w in (0.3, 0.7)
    ] + [("hybrid", {"fuse": "rrf"})]  # fmt: skip
    header = f"{'query form':<11}{'mode':<22}{'recall@10':>10}{'MRR':>8}{'P@10':>8}{'corpus MRR':>12}{'corpus P@10':>12}{'s':>7}"
    for form, label in ((0, "keyword"), (1, "paraphrase")):
        print()
        print(header)
        for mode, fusion in runs:
            began = time.perf_counter()
            r = evaluate(search, rel, mode, form, per_report, **fusion)
            name = mode + (f" {next(iter(fusion.items()))[0]}={next(iter(fusion.values()))}" if fusion else "")
            print(f"{label:<11}{name:<22}{r['recall@10']:>10.3f}{r['MRR']:>8.3f}{r['P@10']:>8.3f}"
                  f"{r['corpus MRR']:>12.3f}{r['corpus P@10']:>12.3f}{time.perf_counter() - began:>7.1f}")  # fmt: skip
    print(f"\n(within-report pairs per form: {r['pairs']})")


if __name__ == "__main__":
    main()
