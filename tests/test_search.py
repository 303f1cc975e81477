"""Index building and `similar` on two real half-year reports, with the real model, faiss and SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from semcomp import Catalogue, ingest
from semcomp.index.build import build_index
from semcomp.index.kinds import choose_kind
from semcomp.index.vectors import VectorIndex
from semcomp.search.similar import Filters, SearchError, SearchIndex
from semcomp.store.filters import FilterError, parse_years
from semcomp.text.terms import terms

from .conftest import ROOT, seed


@pytest.fixture(scope="module")
def search(search_root: Path) -> SearchIndex:
    return SearchIndex("halfyear", search_root)


def test_terms_are_words_and_bigrams() -> None:
    t = terms("强化招商引资力度")
    assert "招商引资" in t and "力度" in t
    assert {"招商", "引资"} <= set(t)
    assert "，" not in terms("招商，引资")


def test_queries_are_cut_as_full_jieba_cuts_them(corpus_catalogue) -> None:
    from semcomp.text import query_words
    from semcomp.text.terms import _jieba, _module

    rows = corpus_catalogue.passage_texts("sentence")
    texts = [t for _, t in rows[:: len(rows) // 400]] + ["GDP增长6%左右", "ｅ政务 服务", "龙湾区2023年", "招商引资招商引资"]
    for text in texts:
        assert query_words.cut(text, _module(), _jieba) == _jieba().lcut(text), text


def test_keyword_query_finds_the_phrase_in_both_reports(search: SearchIndex) -> None:
    hits = search.similar("招商引资", k=10)
    assert len(hits) == 10
    assert {h.report_id for h in hits[:5]} == {"000_783dc1874403daa0", "001_a8e5ecbf9c348b01"}
    literal = {r[0] for r in search.catalogue.db.execute(
        "SELECT id FROM passages WHERE level = 'paragraph' AND kind = 'body' AND text LIKE '%招商引资%'")}  # fmt: skip
    assert len(literal) == 3 and literal <= {h.passage_id for h in hits[:5]}
    assert "招商引资" in hits[0].matched
    top = hits[0]
    raw = search.catalogue.raw_text(top.report_id)
    assert raw[top.start : top.end].replace("\n", "").startswith(top.text[:10])


def test_dense_finds_related_passages_without_the_words(search: SearchIndex) -> None:
    hits = search.similar("招商引资", k=10, mode="dense")
    unseen = [h for h in hits if "招商" not in h.text and "引资" not in h.text]
    assert unseen, "dense search should bring passages that say it in other words"
    assert any(w in h.text for h in unseen for w in ("签约", "项目", "投资", "企业"))
    lexical = search.similar("招商引资", k=10, mode="lexical")
    assert all(h.lexical and h.lexical > 0 for h in lexical)
    assert all(h.dense is None for h in lexical)


def test_filters_apply_before_ranking(search: SearchIndex) -> None:
    only_2021 = search.similar("招商引资", k=15, filters=Filters(years=(2021, 2021)))
    assert len(only_2021) == 15 and {h.year for h in only_2021} == {2021}
    plan = search.similar("招商引资", k=5, filters=Filters(part="plan"))
    assert plan and all(h.part == "plan" for h in plan)
    kunming = search.similar("交通", k=5, filters=Filters(region="昆明"))
    assert kunming and all("昆明" in (h.region or "") for h in kunming)
    with pytest.raises(SearchError, match="no report from a region"):
        search.similar("交通", filters=Filters(region="保定"))
    assert search.similar("交通", filters=Filters(years=(1990, 1991))) == []


def test_group_by_report_and_like(search: SearchIndex) -> None:
    grouped = search.similar("招商引资", k=5, group_by_report=True)
    assert [h.report_id for h in grouped] == list(dict.fromkeys(h.report_id for h in grouped))
    assert len(grouped) == 2 and grouped[0].hits_in_report > 1
    first = search.similar("招商引资", k=1)[0]
    like = search.similar(like=first.passage_id, k=5)
    assert first.passage_id not in [h.passage_id for h in like]
    assert any(h.report_id != first.report_id for h in like), "the other report's template passage is close"


def test_sentence_level(search: SearchIndex) -> None:
    hits = search.similar("地区生产总值", k=5, granularity="sentence")
    assert hits and all(h.granularity == "sentence" for h in hits)
    assert max(len(h.text) for h in hits) < 200


def test_bad_queries(search: SearchIndex) -> None:
    with pytest.raises(SearchError, match="empty"):
        search.similar("   ")
    with pytest.raises(FilterError, match="year"):
        parse_years("去年")
    assert parse_years("2019-2022") == (2019, 2022)
    with pytest.raises(SearchError, match="no passage"):
        search.similar(like=10**9)


def test_cache_reuse_and_incremental_encoding(search_root: Path, encoder) -> None:
    cat = Catalogue.open("grow", search_root, create=True)
    ingest([seed("000"), seed("001")], cat)
    first = build_index(cat, encoder, granularities=("paragraph",))
    assert first[0].encoded == 0 and first[0].cached == first[0].passages  # same texts as 'halfyear'
    ingest([seed("004")], cat)
    stale = SearchIndex("grow", search_root)
    hits = stale.similar("交通", k=20)  # answered from the previous build, which says so
    assert hits and not any(h.report_id.startswith("004") for h in hits)
    assert stale.staleness and "built before the latest changes" in stale.staleness
    new = cat.db.execute(
        "SELECT count(DISTINCT text) FROM passages WHERE level = 'paragraph' AND report_id LIKE '004%'"
    ).fetchone()[0]
    second = build_index(cat, encoder, granularities=("paragraph",))
    assert 0 < second[0].encoded <= new
    assert second[0].passages == first[0].passages + cat.db.execute(
        "SELECT count(*) FROM passages WHERE level = 'paragraph' AND report_id LIKE '004%'"
    ).fetchone()[0]
    assert SearchIndex("grow", search_root).similar("交通", k=3)


def test_index_from_another_model_is_refused(search_root: Path, e5, tmp_path: Path) -> None:
    other = tmp_path / "other-model"
    other.mkdir()
    for item in e5.path.iterdir():
        if item.name != "semcomp-model.json":  # without its manifest the folder is fingerprinted another way
            (other / item.name).symlink_to(item.resolve())
    with pytest.raises(SearchError, match="was built with model"):
        SearchIndex("halfyear", search_root, model=str(other)).similar("招商引资")


@pytest.mark.parametrize("kind", ["ivf", "ivfsq", "hnsw", "ivfpq"])
def test_approximate_index_recall_is_measured_and_filters_hold(search: SearchIndex, kind: str) -> None:
    exact = search.vectors("sentence")
    ids = np.sort(search.allowed("sentence", Filters(kinds=())))
    vectors = exact.vectors(ids)
    approx = VectorIndex.build(ids, vectors, replace(exact.meta, kind=kind), min_approximate=100)
    assert approx.meta.kind == kind and approx.meta.recall is not None and approx.meta.nprobe > 0
    found = 0
    queries = vectors[1::37]  # not the rows the build sampled
    for q in queries:
        a, _ = approx.search(q, 10)
        e, _ = exact.search(q, 10)
        found += len(set(a) & set(e))
    recall = found / (10 * len(queries))
    assert recall >= (0.5 if kind == "ivfpq" else 0.95)
    assert abs(recall - approx.meta.recall) < 0.1  # what the build printed is what a user gets
    few = ids[::40]
    a, _ = approx.search(vectors[0], 5, allowed=few)
    e, _ = exact.search(vectors[0], 5, allowed=few)
    assert set(a) <= set(few.tolist()) and (kind == "ivfpq" or list(a) == list(e))


def test_kind_follows_size_and_memory() -> None:
    assert choose_kind(20_000, 384) == "flat"
    assert choose_kind(1_000_000, 384, memory=24 << 30) == "ivf"  # 1.5 GB of vectors
    assert choose_kind(10_000_000, 384, memory=24 << 30) == "ivfsq"  # 15 GB would not fit beside the rest; 3.8 GB does
    assert choose_kind(100_000_000, 384, memory=24 << 30) == "ivfpq"


def test_adding_and_removing_a_report_updates_the_index(search_root: Path, encoder) -> None:
    cat = Catalogue.open("update", search_root, create=True)
    ingest([seed("000"), seed("001")], cat)
    build_index(cat, encoder, granularities=("paragraph",))
    ingest([seed("004")], cat)
    (added,) = build_index(cat, encoder, granularities=("paragraph",))
    assert added.updated and added.passages == len(cat.passage_texts("paragraph"))
    updated = SearchIndex("update", search_root)
    fresh_cat = Catalogue.open("fresh", search_root, create=True)
    ingest([seed("000"), seed("001"), seed("004")], fresh_cat)
    build_index(fresh_cat, encoder, granularities=("paragraph",))
    fresh = SearchIndex("fresh", search_root)
    for query in ("交通基础设施", "招商引资"):  # the same texts rank the same, whichever way the index was made
        assert [h.text for h in updated.similar(query, k=5)] == [h.text for h in fresh.similar(query, k=5)]
    gone = next(r.id for r in cat.reports() if r.id.startswith("001"))
    cat.remove_report(gone)
    (removed,) = build_index(cat, encoder, granularities=("paragraph",))
    assert removed.updated and removed.encoded == 0
    after = SearchIndex("update", search_root)
    assert not any(h.report_id == gone for h in after.similar("经济", k=50))
    assert len(after.lexical("paragraph").ids) == after.vectors("paragraph").index.ntotal == removed.passages


def _cli(*args: str, root: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"SEMCOMP_INDEXES": str(root), "SEMCOMP_MODELS": str(ROOT / "models")}
    return subprocess.run([sys.executable, "-m", "semcomp", *args], capture_output=True, text=True, env=env, timeout=300)


def test_cli_similar(search_root: Path, tmp_path: Path) -> None:
    res = _cli("similar", "招商引资", "-i", "halfyear", "-k", "3", "--json", root=search_root)
    assert res.returncode == 0, res.stderr
    hits = json.loads(res.stdout)
    assert len(hits) == 3 and {"score", "report_id", "section_path", "start", "end", "text", "matched"} <= set(hits[0])
    queries = tmp_path / "q.txt"
    queries.write_text("招商引资\n\n营商环境\n", encoding="utf-8")
    res = _cli("similar", "--queries", str(queries), "-i", "halfyear", "-k", "2", root=search_root)
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["招商引资", "营商环境"] and all(len(x["hits"]) == 2 for x in lines)
    res = _cli("similar", "招商引资", "-i", "halfyear", "-k", "2", "--csv", root=search_root)
    assert res.stdout.splitlines()[0].startswith("score,dense,lexical,report_id")


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("similar", "", "-i", "halfyear"), "empty", 1),
        (("similar", "招商引资", "-i", "nowhere"), "no catalogue", 1),
        (("similar", "招商引资", "-i", "halfyear", "--region", "火星"), "no report from a region", 1),
        (("similar", "招商引资", "-i", "halfyear", "--mode", "magic"), "'--mode'", 2),  # a usage error, as click exits
        (("similar", "招商引资", "-i", "halfyear", "--model", "no/such-model"), "does not download", 1),
    ],
)
def test_cli_bad_input(search_root: Path, args: tuple[str, ...], message: str, code: int) -> None:
    res = _cli(*args, root=search_root)
    assert res.returncode == code
    assert message in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_another_model_by_path(search_root: Path, e5, tmp_path: Path) -> None:
    """Any sentence-transformers folder works: here a small static-embedding model built on the spot."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer

    from semcomp.embed.encoder import Encoder
    from semcomp.embed.models import resolve_model

    rng = np.random.default_rng(0)
    tokenizer = Tokenizer.from_file(str(e5.path / "tokenizer.json"))
    static = StaticEmbedding(tokenizer, embedding_weights=rng.normal(size=(tokenizer.get_vocab_size(), 32)).astype(np.float32))
    folder = tmp_path / "static-model"
    SentenceTransformer(modules=[static], device="cpu").save(str(folder))
    ref = resolve_model(str(folder))
    assert ref.fingerprint != e5.fingerprint and not ref.prepared
    assert resolve_model(str(folder)).fingerprint == ref.fingerprint  # remembered, and stable

    cat = Catalogue.open("static", search_root, create=True)
    ingest([seed("000")], cat)
    summaries = build_index(cat, Encoder(ref), granularities=("paragraph",))
    assert summaries[0].encoded == summaries[0].passages
    hits = SearchIndex("static", search_root).similar("招商引资", k=3)
    assert len(hits) == 3 and hits[0].dense is not None
    with pytest.raises(SearchError, match="was built with model"):
        SearchIndex("static", search_root, model="multilingual-e5-small").similar("招商引资")
