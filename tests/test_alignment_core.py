"""The reuse alignment core on small hand-made streams: seeds, chains, the backbone, moved clauses, gaps
aligned character by character and trimmed ends. No model, no catalogue: each test runs in milliseconds."""

from __future__ import annotations

import re

import numpy as np

from semcomp.reuse.adaptation import adaptation, cut_swaps
from semcomp.reuse.local import Alignment, align_chain
from semcomp.reuse.seeds import chains, kgrams, shared_seeds
from semcomp.reuse.stream import Sentence, Stream, build_stream
from semcomp.text.synonyms import canonical
from semcomp.text.template import template_text

# a passage of the genre, 58 characters, with no formula in it
PASSAGE = "加快推进老旧小区改造工程，完善社区养老托育设施，新建城市绿道20公里，提升背街小巷环境品质，让群众生活更加便利舒心。"
OTHER_A = "今年我们将着力发展特色农业，扩大设施蔬菜种植面积，培育农产品加工龙头企业。"
OTHER_B = "我区文化旅游融合发展取得新进展，博物馆和非遗展示馆相继开放，游客人数明显增长。"
OTHER_C = "深化医药卫生体制改革，推进县域医共体建设，基层医疗机构服务能力持续增强。"


def stream(report_id: str, raw: str) -> Stream:
    """A stream of ``raw``, cut into sentences at 。 as ingest would."""
    found = [m for m in re.finditer(r"[^。\n]+。?", raw)]
    sentences = [Sentence(n, report_id, n, n, "1", m.group(), m.start(), m.end()) for n, m in enumerate(found)]
    return build_stream(report_id, raw, sentences)


def aligned(a_raw: str, b_raw: str, min_chars: int = 15) -> tuple[Stream, Stream, list[Alignment]]:
    sa, sb = stream("a", a_raw), stream("b", b_raw)
    found = chains(shared_seeds([sa.text, sb.text]), min_covered=min_chars)
    out = [al for _, _, tiles in found.each() for al in align_chain(sa, sb, tiles, min_chars)]
    return sa, sb, out


def quoted(s: Stream, a0: int, a1: int) -> str:
    start, end = s.raw_span(a0, a1)
    return s.raw[start:end]


def test_kgrams_hash_the_same_windows_alike() -> None:
    h1, pos1 = kgrams("推进老旧小区改造工程推进老旧小区改造工程")
    assert len(h1) == len("推进老旧小区改造工程推进老旧小区改造工程") - 8 + 1
    assert h1[0] == h1[10] and h1[0] != h1[1] and list(pos1[:3]) == [0, 1, 2]


def test_seeds_are_windows_two_reports_share_and_formulas_seed_nothing() -> None:
    texts = [stream(str(n), raw).text for n, raw in enumerate((OTHER_A + PASSAGE, PASSAGE + OTHER_B, OTHER_C))]
    seeds = shared_seeds(texts)
    assert len(seeds.ra) and set(zip(seeds.ra.tolist(), seeds.rb.tolist(), strict=True)) == {(0, 1)}
    held_by_all = shared_seeds([stream(str(n), PASSAGE).text for n in range(4)], max_reports=3)
    assert not len(held_by_all.ra)  # a window more reports hold than max_reports is a formula


def test_an_exact_copy_is_one_alignment_quoted_verbatim() -> None:
    sa, sb, found = aligned(OTHER_A + PASSAGE, PASSAGE + OTHER_B)
    [al] = found
    assert al.similarity == 1.0 and [op[0] for op in al.ops] == ["equal"]
    assert quoted(sa, al.a0, al.a1) == quoted(sb, al.b0, al.b1) == PASSAGE.rstrip("。")


def test_swapped_numbers_are_matched_as_the_same_template() -> None:
    changed = PASSAGE.replace("20公里", "35.5公里")
    _, sb, [al] = aligned(PASSAGE, OTHER_A + changed)
    assert all(op[0] == "equal" for op in al.ops)  # numbers are one template character
    assert "35.5公里" in quoted(sb, al.b0, al.b1)


def test_a_few_characters_changed_keep_one_copy_with_its_whole_extent() -> None:
    edited = PASSAGE.replace("完善", "健全").replace("提升", "改善")
    sa, sb, found = aligned(OTHER_A + PASSAGE, edited + OTHER_B)
    [al] = found
    assert 0.8 <= al.similarity < 1.0 and any(op[0] == "replace" for op in al.ops)
    assert quoted(sa, al.a0, al.a1).startswith("加快推进") and quoted(sa, al.a0, al.a1).endswith("便利舒心")
    assert quoted(sb, al.b0, al.b1).startswith("加快推进") and quoted(sb, al.b0, al.b1).endswith("便利舒心")


def test_clauses_in_another_order_are_moved_not_lost() -> None:
    clauses = PASSAGE.rstrip("。").split("，")
    reordered = "，".join([clauses[2], clauses[0], clauses[1], *clauses[3:]]) + "。"
    _, _, found = aligned(PASSAGE, reordered)
    assert found and any(al.moved for al in found)
    assert sum(al.matched for al in found) >= 0.9 * len(PASSAGE.replace("，", "").rstrip("。"))


def test_chance_matches_at_the_edges_are_trimmed() -> None:
    """The copy ends where the text stops matching, not at the 的 or 和 a few characters on."""
    a = "坚持规划引领的原则" + PASSAGE
    b = "注重产业布局的要求" + PASSAGE
    sa, _, [al] = aligned(a, b)
    assert quoted(sa, al.a0, al.a1).startswith("加快推进")


def test_short_or_unlike_texts_are_not_copies() -> None:
    assert aligned(OTHER_A, OTHER_B)[2] == []
    short = "新建城市绿道20公里"  # ten characters in common: under the 15 a copy needs
    assert aligned(OTHER_A + short, OTHER_B + short)[2] == []


def test_stream_maps_every_character_back_to_the_raw_text() -> None:
    raw = "一、总体要求\n" + PASSAGE + "\n" + OTHER_A
    s = stream("r", raw)
    assert "，" not in s.text and "。" not in s.text  # punctuation is gone from the stream
    assert all(raw[int(a) : int(b)] == c for a, b, c in zip(s.starts[:20], s.ends[:20], s.text[:20], strict=True)
               if not c.isdigit())  # fmt: skip
    assert np.all(np.diff(s.starts) > 0)


# the rewritten copy a county makes of PASSAGE: four policy words swapped, a local clause added at the start
REWRITTEN = ("结合本地实际，加速推动老旧小区改造工程，健全社区养老托育设施，新建城市绿道35公里，提高背街小巷环境品质，"
             "让群众生活更加便利舒心。")


def test_synonyms_read_alike_and_keep_the_length() -> None:
    assert canonical("加速推动") == canonical("加快推进") and len(canonical("加速推动")) == 4
    assert canonical("老旧小区改造") == "老旧小区改造"  # other words as written


def test_a_rewritten_copy_is_one_alignment_with_its_added_clause() -> None:
    sa, sb, [al] = aligned(OTHER_A + PASSAGE, OTHER_B + REWRITTEN)
    assert quoted(sb, al.b0, al.b1) == REWRITTEN.rstrip("。")  # the added clause is part of the copy
    assert quoted(sa, al.a0, al.a1) == PASSAGE.rstrip("。")
    assert al.ops[0][0] == "insert" and sb.text[al.ops[0][3] : al.ops[0][4]] == "结合本地实际"


def test_a_copy_set_inside_a_sentence_is_not_carried_over_that_sentence() -> None:
    clause = "完善社区养老托育设施，新建城市绿道20公里，提升背街小巷环境品质"
    _, sb, [al] = aligned(OTHER_A + clause + "。", "深化医药卫生体制改革，" + clause + "，基层医疗机构服务能力持续增强。")
    assert quoted(sb, al.b0, al.b1) == clause


def test_a_clause_added_in_the_middle_does_not_count_against_a_short_copy() -> None:
    """23 characters matched and a six-character clause added: under 0.9 counted plainly, a copy all the same."""
    source = "主动争取并用足用好各种土地政策，确保项目顺利落地。"
    target = "主动争取并用足用好各种土地政策，按照上级部署，保障项目顺利落地。"
    _, sb, [al] = aligned(OTHER_A + source + OTHER_B, OTHER_C + target)
    assert al.similarity < 0.9 and quoted(sb, al.b0, al.b1) == target.rstrip("。")


def test_swaps_are_cut_out_of_an_equal_stretch_word_by_word() -> None:
    a, b = template_text("加快推进改造工程"), template_text("加速推动改造工程")
    ops = cut_swaps(a, b, ("equal", 0, 8, 0, 8))
    assert ops == [("swapped", 0, 4, 0, 4), ("equal", 4, 8, 4, 8)]
    assert cut_swaps(a, a, ("equal", 0, 8, 0, 8)) == [("equal", 0, 8, 0, 8)]


def test_the_adaptation_lists_swaps_drops_additions_and_figures() -> None:
    found = adaptation([("insert", "", "结合本地实际，"), ("swapped", "加快", "加速"), ("equal", "老旧小区", "老旧小区"),
                        ("delete", "，完善社区养老托育设施", ""), ("differs", "新建绿道20公里", "新建绿道35公里"),
                        ("replace", "提升", "提高"), ("differs", "，", "；")])  # fmt: skip
    assert found.swapped == [("加快", "加速"), ("提升", "提高")]
    assert found.dropped == ["完善社区养老托育设施"] and found.added == ["结合本地实际"]
    assert found.figures == [("20", "35")]
    assert [name for name, _ in found.listed()] == ["swapped", "dropped", "added", "figures"]


def test_a_dropped_clause_is_cut_at_clause_boundaries() -> None:
    """The dropped stretch is ``必须加快…方式``, where the clause is, not ``加快…方式必须``."""
    source = "这就是：必须保持经济平稳较快发展，必须加快转变经济增长方式，必须提高自主创新能力，必须促进城乡区域协调发展。"
    target = "这就是：必须保持经济平稳较快发展，必须提升自主创新能力。"
    sa, sb, [al] = aligned(OTHER_A + source + OTHER_B, OTHER_C + target)
    [dropped] = [op for op in al.ops if op[0] == "delete"]
    assert quoted(sa, dropped[1], dropped[2]) == "必须加快转变经济增长方式"
    assert quoted(sb, al.b0, al.b1) == target.rstrip("。")


def test_a_short_tail_past_an_added_or_rewritten_clause_is_part_of_the_copy() -> None:
    """Six characters after the clause hold no seed window; they are reached past the clause."""
    added = aligned(OTHER_A + "要合理安排和控制各项财政开支，加强财政监督，坚决反对浪费，以便把财政赤字压缩到最低限度。",
                    OTHER_C + "要合理安排和控制各项财政开支，强化财政监督，坚持问题导向，坚决反对浪费。")  # fmt: skip
    rewritten = aligned(OTHER_A + "健全基本医疗保险筹资和待遇调整机制，深化医保支付方式改革，促进分级诊疗。",
                        OTHER_C + "健全基本医疗保险筹资和待遇调整机制，按照上级部署，促进分级诊疗。")  # fmt: skip
    for (sa, sb, [al]), tail in ((added, "坚决反对浪费"), (rewritten, "促进分级诊疗")):
        assert quoted(sa, al.a0, al.a1).endswith(tail) and quoted(sb, al.b0, al.b1).endswith(tail)


def test_a_localising_clause_before_a_copy_set_inside_a_sentence_is_part_of_it() -> None:
    clause = "完善社区养老托育设施，新建城市绿道20公里，提升背街小巷环境品质"
    _, sb, [al] = aligned(OTHER_A + clause + "。", "深化医药卫生体制改革，结合本地实际，" + clause + "，基层医疗机构服务能力持续增强。")
    assert quoted(sb, al.b0, al.b1) == "结合本地实际，" + clause
