"""Themes on a real county slice (易县 2018–2025, 清苑区 2020–2025) with stored embeddings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from semcomp import Catalogue, ingest
from semcomp.index.build import build_index
from semcomp.search.similar import Filters, SearchIndex
from semcomp.text.content_words import BOILERPLATE
from semcomp.themes.agreement import agreement
from semcomp.themes.clustering import choose_k, partition
from semcomp.themes.model import BODY, ThemeError, cluster, find_themes, passage_rows, per_year_themes

from .conftest import DATA


@pytest.fixture(scope="module")
def counties(search_root: Path, encoder) -> Catalogue:
    files = sorted(DATA.glob("baoding_hebei/hebei_*_易县_*.txt")) + sorted(DATA.glob("baoding_hebei/hebei_*_清苑区_*.txt"))
    cat = Catalogue.open("counties", search_root, create=True)
    ingest(files, cat, [DATA / "baoding_hebei" / "manifest.csv"])
    build_index(cat, encoder, granularities=("paragraph",))
    return cat


@pytest.fixture(scope="module")
def result(counties: Catalogue):
    return find_themes(counties, BODY, k="auto", by="year")


def test_labels_are_free_of_boilerplate(result) -> None:
    assert 5 <= result.k <= 60 and "silhouette" in result.k_reason
    words = [w for t in result.themes for w in t.terms]
    assert words and not set(words) & BOILERPLATE
    assert all(len(t.representatives) == 3 or t.size < 3 for t in result.themes)


def test_same_output_every_run(counties: Catalogue, search_root: Path, result) -> None:
    again = find_themes(Catalogue.open("counties", search_root), BODY, k="auto", by="year")
    assert again.to_dict() == result.to_dict()


def test_shares_per_year_sum_to_one(result) -> None:
    assert result.groups == sorted(result.groups)
    for year in result.groups:
        assert sum(t.shares[year] for t in result.themes) == pytest.approx(1.0, abs=0.01)
    frame = result.shares_frame()
    assert list(frame.columns) == result.groups and frame.sum(axis=0).round(2).eq(1.0).all()


def test_poverty_alleviation_fades_after_2020_as_the_text_says(counties: Catalogue, result) -> None:
    poverty = [t for t in result.themes if "扶贫" in t.terms[:3]]
    assert poverty, "a theme named by 扶贫"
    theme = poverty[0]
    before = sum(theme.shares.get(y, 0) for y in ("2018", "2019")) / 2
    after = sum(theme.shares.get(y, 0) for y in ("2022", "2023", "2024", "2025")) / 4
    assert theme.trend < 0 and before > after
    in_text = {
        year: share
        for year, share in counties.db.execute(
            "SELECT r.year, avg(p.text LIKE '%扶贫%') FROM passages p JOIN reports r ON r.id = p.report_id"
            " WHERE p.level = 'paragraph' AND p.kind = 'body' GROUP BY r.year"
        )
    }
    assert (in_text[2018] + in_text[2019]) / 2 > sum(in_text[y] for y in (2022, 2023, 2024, 2025)) / 4


def test_by_region_and_per_year(counties: Catalogue) -> None:
    regional = find_themes(counties, BODY, k=6, by="region")
    assert regional.k == 6 and len(regional.groups) == 2 and all("保定市" in g for g in regional.groups)
    years = per_year_themes(counties, BODY, k=5)
    assert set(years) >= {"2020", "2021", "2022"}
    linked = [t for y in list(years)[1:] for t in years[y].themes if t.follows is not None]
    assert linked, "some themes continue from the year before"


def test_bad_input(counties: Catalogue) -> None:
    with pytest.raises(ThemeError, match="no passages"):
        find_themes(counties, Filters(years=(1990, 1991), kinds=("body",)))
    with pytest.raises(ThemeError, match="-k 100000"):
        find_themes(counties, BODY, k=100000)


def test_plot_writes_png_and_html(result, tmp_path: Path) -> None:
    from semcomp.output.themes_chart import plot_shares
    from semcomp.whole_files import OutputError

    png, page = tmp_path / "主题.png", tmp_path / "主题.html"
    plot_shares(result, png)
    plot_shares(result, page)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["主题.html", "主题.png"]  # the paths named, nothing else
    (tmp_path / "mine.html").write_text("mine")
    with pytest.raises(OutputError, match=r"\.png or \.html"):
        plot_shares(result, tmp_path / "mine.csv")  # once wrote mine.png and replaced mine.html
    assert (tmp_path / "mine.html").read_text() == "mine"
    assert png.read_bytes()[:4] == b"\x89PNG"
    text = page.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in text and "@font-face" in text  # charts and font inside: the page travels alone
    assert all(t.label in text for t in result.themes) and result.themes[0].representatives[0].text[:20] in text
    assert result.by != "year" or "N=" in text


def test_noise_at_bf16_scale_leaves_the_themes_as_they_are(counties: Catalogue, result) -> None:
    """bf16 arithmetic moves a paragraph vector by a cosine of about 5e-6 (this slice encoded both ways:
    median 0.9999946). Noise of that size, drawn six times, measured on this slice (640 paragraphs, page
    chrome set aside): every draw keeps k, adjusted Rand 0.974 to 0.996, equal labels 0.88 to 1.0 (mean
    0.95; a label that differs has its second and third words swapped or one word changed). Ward's tree
    gave adjusted Rand 0.898 to 1.0 here and 0.56 to 0.61 on the whole corpus."""
    ids = result.passage_ids
    vectors = SearchIndex.over(counties).vectors("paragraph").vectors(ids)
    texts = [r.text for r in passage_rows(counties, ids)]
    found = []
    for seed in range(6):
        noisy = vectors + np.random.default_rng(seed).normal(scale=np.sqrt(1.1e-5 / vectors.shape[1]), size=vectors.shape)
        noisy = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
        assert 0.999992 < np.median((noisy * vectors).sum(1)) < 0.999997
        again = cluster(texts, noisy, "auto")
        found.append(agreement(result.labels, [t.label for t in result.themes], again.labels, ["、".join(w[:3]) for w in again.terms]))
    assert all(f.same_k for f in found), found
    assert min(f.rand for f in found) >= 0.95, found
    assert np.mean([f.labels for f in found]) >= 0.9 and min(f.labels for f in found) >= 0.85, found


def test_soft_k_means_recovers_planted_groups() -> None:
    """Three tight groups of unit vectors: k=3 recovers them, and ``auto`` picks 3 by silhouette."""
    rng = np.random.default_rng(1)
    centres = np.linalg.qr(rng.normal(size=(16, 3)))[0].T
    x = np.repeat(centres, 40, axis=0) + rng.normal(scale=0.05, size=(120, 16))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    truth = np.repeat(np.arange(3), 40)
    assert adjusted_rand_score(truth, partition(x, 3).labels) == 1.0
    choice, found = choose_k(x, (2, 8))
    assert choice.k == 3 and adjusted_rand_score(truth, found.labels) == 1.0
