"""Heading tree, parts, tables, glossary, and passages on real reports."""

from semcomp.ingest.segment import MAX_CHUNK, chunk_paragraph, split_sentences


def test_heading_tree_of_guandu(seeds_catalogue):
    report = seeds_catalogue.report("000_783dc1874403daa0")
    tree = {s.path: (s.title, s.part) for s in report.sections}
    assert tree["1"] == ("2023年上半年国民经济和社会发展计划执行情况", "review")
    assert tree["1.1"] == ("主要目标完成情况", "review")
    assert tree["1.2"] == ("上半年计划执行情况", "review")
    assert tree["1.2.1"] == ("推动产业强区建设，发展提质增效显著", "review")
    assert tree["1.2.7"][0] == "创新推进社会治理，社会大局安全稳定"
    assert tree["2"] == ("2023年下半年国民经济和社会发展工作计划", "plan")
    assert tree["2.7"] == ("创新社会治理，构建平安官渡", "plan")
    assert [s.path for s in report.sections if s.depth == 1] == ["1", "2"]
    for s in report.sections:
        assert s.start < s.end


def test_unnumbered_parts_over_numbered_headings(seeds_catalogue):
    report = seeds_catalogue.report("004_d207dd5c7035d7fb")
    top = [(s.title, s.part) for s in report.sections if s.depth == 1]
    assert top[0] == ("2022年工作回顾", "review")
    assert ("名词解释", "other") in top
    assert top[1] == ("2023年重点工作安排", "plan")
    under = [s for s in report.sections if s.path.startswith("1.") and s.depth == 2]
    assert under[0].title == "极核能级实现更大提升"


def test_pipe_table_kept_apart_from_prose(seeds_catalogue):
    report = seeds_catalogue.report("001_a8e5ecbf9c348b01")
    tables = [p for p in report.passages if p.kind == "table"]
    assert any("地区生产总值" in p.text and "|" in p.text for p in tables)
    assert any(p.text == "2021年上半年主要经济社会指标完成情况表" for p in tables)
    assert not any(p.kind == "table" for p in report.passages if p.granularity == "sentence")
    assert all("|" not in p.text for p in report.passages if p.kind == "body")
    assert [s.title for s in report.sections if s.depth == 1][1] == "2021年下半年国民经济和社会发展工作计划"


def test_passages_are_traceable_to_raw_offsets(seeds_catalogue):
    report = seeds_catalogue.report("000_783dc1874403daa0")
    raw = seeds_catalogue.raw_text(report.id)
    for p in report.passages:
        quoted = raw[p.start : p.end]
        # this report only needed half-width → full-width punctuation: the rest is verbatim
        assert quoted.replace(",", "，").replace(":", "：").replace(";", "；").replace("(", "（").replace(")", "）") == p.text


def test_paragraph_chunks_are_bounded_and_sentences_cover_them(corpus_catalogue):
    for rid in ("hebei_河北省_2005_gwr", "national_1954_gwr", "002_377fd206c21df32a"):
        report = corpus_catalogue.report(rid)
        paragraphs = [p for p in report.passages if p.granularity == "paragraph"]
        assert all(len(p.text) <= MAX_CHUNK for p in paragraphs if p.kind != "table")
        sentences = [p for p in report.passages if p.granularity == "sentence"]
        for para in paragraphs:
            if para.kind == "table":
                continue
            mine = [s for s in sentences if s.paragraph == para.ordinal]
            assert mine and all(s.text in para.text for s in mine)
            assert "".join(s.text for s in mine).replace(" ", "") == para.text.replace(" ", "")


def test_sentence_splitter_on_report_prose():
    text = "坚持稳中求进工作总基调。全面落实“疫情要防住、经济要稳住、发展要安全”的要求；一是稳增长，二是促改革！还有吗？"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "坚持稳中求进工作总基调。",
        "全面落实“疫情要防住、经济要稳住、发展要安全”的要求；",
        "一是稳增长，二是促改革！",
        "还有吗？",
    ]
    quoted = "他说：“要抓好招商引资。要优化营商环境。”我们照办。"
    assert [quoted[a:b] for a, b in split_sentences(quoted)] == ["他说：“要抓好招商引资。要优化营商环境。”", "我们照办。"]
    assert split_sentences("  ") == []


def test_long_sentence_is_cut_at_commas_never_over_the_limit():
    clause = "推进产业园区基础设施建设" * 3 + "，"
    text = clause * 40 + "。"
    chunks = chunk_paragraph(text, 100)
    assert all(b - a <= 100 for a, b in chunks)
    assert "".join(text[a:b] for a, b in chunks) == text
    assert all(text[b - 1] in "，。" for a, b in chunks)
