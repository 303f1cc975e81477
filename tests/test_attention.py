"""Policy attention on the bundled reports: counts a reader can redo from the raw text, the panel a
regression reads, and the dictionary a researcher writes."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from semcomp import Catalogue
from semcomp.attention import DictionaryError, attention_panel, example_dictionary, measure_attention, read_dictionary
from semcomp.store.filters import Filters
from tests.conftest import DATA, by_source, cli

# 顺平县 2024: a plain text whose every non-empty line is one paragraph of prose, with no table,
# glossary or page chrome, so that its cell can be recomputed from the file alone
SHUNPING = DATA / "baoding_hebei" / "hebei_baoding_130636_顺平县_2024_gwr.txt"


def test_a_panel_cell_recomputed_by_hand_from_the_raw_text(corpus_catalogue: Catalogue) -> None:
    raw = SHUNPING.read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    chars = len(re.sub(r"\s", "", raw))
    rows = measure_attention(corpus_catalogue, read_dictionary("污染"), Filters(region="顺平县", years=(2024, 2024)))
    cell = next(c for c in attention_panel(rows) if c.region == "河北省保定市顺平县" and c.year == 2024)
    assert (cell.region_code, cell.gov_level, cell.reports) == ("130636", "county", 1)
    assert cell.hits == raw.count("污染") == 5
    assert cell.chars == chars == 10914
    assert cell.per_10k == round(5 * 10_000 / chars, 3)
    assert cell.paragraph_share == round(sum("污染" in line for line in lines) / len(lines), 4) == round(2 / 67, 4)


def test_the_longest_word_of_a_concept_is_counted_once(corpus_catalogue: Catalogue) -> None:
    raw = SHUNPING.read_text(encoding="utf-8")
    [row] = measure_attention(corpus_catalogue, read_dictionary("生态 生态环境"), Filters(region="顺平县", years=(2024, 2024)))
    assert raw.count("生态环境") > 0
    assert row.hits == raw.count("生态")  # 生态环境 counted as one hit, not as 生态环境 plus 生态


def test_page_chrome_never_counts(corpus_catalogue: Catalogue) -> None:
    """易县 2025 was captured from a site whose footer says 本站 and 转载; its report never does."""
    [report] = by_source(corpus_catalogue, "hebei_baoding_130633_易县_2025")
    raw = (DATA / "baoding_hebei" / "hebei_baoding_130633_易县_2025_gwr.txt").read_text(encoding="utf-8")
    assert "本站" in raw and "转载" in raw
    [row] = measure_attention(corpus_catalogue, read_dictionary("网站用语：本站 转载"), Filters(reports=(report.id,)))
    assert (row.concept, row.hits, row.touched) == ("网站用语", 0, 0)


def test_whole_words_count_fewer_than_strings(corpus_catalogue: Catalogue) -> None:
    """``words`` counts 创新 as a jieba word, not inside 创新型 or 科技创新 unless those are its words too."""
    concepts = read_dictionary("创新")
    strings = measure_attention(corpus_catalogue, concepts, Filters(region="保定市"))
    words = measure_attention(corpus_catalogue, concepts, Filters(region="保定市"), match="words")
    assert [r.report_id for r in strings] == [r.report_id for r in words]
    assert all(w.hits <= s.hits for s, w in zip(strings, words, strict=True))
    assert sum(w.hits for w in words) < sum(s.hits for s in strings)
    assert sum(w.hits for w in words) > 0


def test_second_copies_count_only_when_asked(corpus_catalogue: Catalogue) -> None:
    """保定市 2006 as filed is the 2007 text: left out, its cell is missing; kept, it repeats 2007's counts."""
    concepts = read_dictionary("污染")

    def cells(filters: Filters) -> dict:
        return {(c.region, c.year): c for c in attention_panel(measure_attention(corpus_catalogue, concepts, filters))}

    alone, both = cells(Filters(region="保定市")), cells(Filters(region="保定市", all_copies=True))
    assert ("河北省保定市", 2006) not in alone
    copy, original = both["河北省保定市", 2006], alone["河北省保定市", 2007]
    assert (copy.hits, copy.per_10k) == (original.hits, original.per_10k) and copy.hits > 0


def test_cli_panel_has_one_row_per_region_year_and_concept(corpus_catalogue: Catalogue, tmp_path) -> None:
    root, name = corpus_catalogue.path.parent.parent, corpus_catalogue.path.parent.name
    terms = tmp_path / "环境.txt"
    terms.write_bytes("环境：环保 生态环境 环境保护 污染 节能减排\n".encode("gb18030"))  # saved by a Windows editor
    res = cli("attention", "--terms", str(terms), "--panel", "--type", "政府工作报告", "-i", name, "--csv", indexes=root)
    assert res.code == 0, res.err
    rows = list(csv.DictReader(io.StringIO(res.out)))
    keys = [(r["region"], r["year"], r["concept"]) for r in rows]
    assert len(keys) == len(set(keys)) > 150
    assert {r["concept"] for r in rows} == {"环境"}
    assert next(r for r in rows if r["region"] == "河北省" and r["year"] == "2024")["region_code"] == "130000"
    parquet = tmp_path / "面板.parquet"
    res = cli("attention", "--terms", str(terms), "--panel", "-i", name, "--parquet", str(parquet), indexes=root)
    assert res.code == 0, res.err
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).column_names[:4] == ["region", "region_code", "level", "year"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty file"), ("# 只有注释\n\n", "holds no concept"), ("环保\n环保 污染\n", "names a concept twice")],
)
def test_cli_bad_dictionaries_are_one_line(corpus_catalogue: Catalogue, tmp_path, content: str, message: str) -> None:
    root, name = corpus_catalogue.path.parent.parent, corpus_catalogue.path.parent.name
    terms = tmp_path / "词典.txt"
    terms.write_text(content, encoding="utf-8")
    res = cli("attention", "--terms", str(terms), "-i", name, indexes=root)
    assert res.code == 1 and message in res.err and len(res.err.strip().splitlines()) == 1, res.err


def test_dictionary_lines() -> None:
    concepts = read_dictionary("# 环境\n环保，生态环境、污染\n\n科技：创新 研发 创新\n")
    assert [(c.name, c.terms) for c in concepts] == [("环保", ("环保", "生态环境", "污染")), ("科技", ("创新", "研发"))]
    with pytest.raises(DictionaryError, match="line 1"):
        read_dictionary("科技：\n")
    example = example_dictionary()  # what --terms defaults to, shipped with the package
    assert [c.name for c in example] == ["环境保护", "科技创新", "扶贫", "营商环境", "招商引资"]
    assert "精准扶贫" in example[2].terms


def test_attention_to_a_theme_counts_the_paragraphs_clustered_into_it(search_root) -> None:
    from semcomp.attention import theme_attention
    from semcomp.themes.model import find_themes

    cat = Catalogue.open("halfyear", search_root)
    result = find_themes(cat, Filters(kinds=("body",)), k=4)
    per_theme = [theme_attention(cat, result, t.id) for t in result.themes]
    for rows in zip(*per_theme, strict=True):  # one report's row under each theme
        assert len({(r.report_id, r.paragraphs, r.chars) for r in rows}) == 1
        assert sum(r.hits for r in rows) <= rows[0].paragraphs
    assert sum(r.hits for rows in per_theme for r in rows) == result.passages - result.outliers
    assert [sum(r.hits for r in rows) for rows in per_theme] == [t.size for t in result.themes]
    res = cli("attention", "--theme", "1", "-k", "4", "-i", "halfyear", "--json", indexes=search_root)
    assert res.code == 0 and json.loads(res.out)[0]["concept"] == f"1 {result.themes[1].label}", res.err
    res = cli("attention", "--theme", "9", "-k", "4", "-i", "halfyear", indexes=search_root)
    assert res.code == 1 and "no theme 9" in res.err and "Traceback" not in res.err, res.err
