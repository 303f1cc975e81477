"""Clean-up on real text: pinyin readings, 繁→简, width, spacing; offsets stay traceable."""

from semcomp.ingest.clean import clean, masked_spans, repair_pinyin_readings, to_simplified
from semcomp.ingest.textmap import MappedText

from .conftest import external, seed


def _clean(path):
    raw = path.read_text(encoding="utf-8")
    return raw, clean(MappedText.identity(raw))


def test_pinyin_readings_removed_and_lost_characters_restored():
    raw, mt = _clean(seed("002"))
    assert "報(bào)告" in raw and "麒麟?yún)^(qū)" in raw
    assert "政府工作报告" in mt.text
    assert mt.text.count("麒麟区") == raw.count("麒麟?yún)^(qū)") == 4
    assert "yún" not in mt.text and "(qū)" not in mt.text and "（qū）" not in mt.text
    i = mt.text.index("麒麟区")
    a, b = mt.raw_span(i, i + 3)
    assert raw[a:b] == "麒麟?yún)^(qū)"


def test_readings_only_removed_where_a_document_is_full_of_them():
    text = "全区实现地区生产总值(gdp)增长(zēng)"
    assert repair_pinyin_readings(MappedText.identity(text)).text == text


def test_traditional_converted_only_when_traditional():
    raw = external("national_1954_gwr.txt").read_text(encoding="utf-8")
    assert "國" in raw
    simplified = to_simplified(MappedText.identity(raw)).text
    assert "全国人民代表大会" in simplified and "國" not in simplified
    modern = seed("000").read_text(encoding="utf-8")
    assert to_simplified(MappedText.identity(modern)).text == modern


def test_half_width_punctuation_and_letter_spacing():
    raw, mt = _clean(seed("000"))
    assert "副区长(提名人选)" in raw
    assert "副区长（提名人选）" in mt.text
    assert "尊敬的赵主任、各位副主任、各位委员：" in mt.text
    _, spaced = _clean(external("national_1998_gwr.txt"))
    assert "1993年3月就职" in spaced.text
    _, hailaer = _clean(external("neimenggu_hulunbeier_hailaer_2012_gwr.txt"))
    assert hailaer.text.startswith("政府工作报告")


def test_decimal_and_thousands_separators_survive():
    mt = clean(MappedText.identity("实现地区生产总值1,499.1亿元,同比增长0.6%;时间9:00-18:00"))
    assert mt.text == "实现地区生产总值1,499.1亿元，同比增长0.6%；时间9:00-18:00"


def test_every_cleaned_character_maps_into_the_raw_text():
    raw, mt = _clean(seed("004"))
    assert len(mt.starts) == len(mt.text)
    assert (mt.starts >= 0).all() and (mt.ends <= len(raw)).all() and (mt.starts < mt.ends).all()
    for ch in "金牛区政府工作报告":
        i = mt.text.index(ch)
        assert raw[mt.starts[i] : mt.ends[i]] == ch


def test_masked_names_are_kept_and_found():
    _raw, mt = _clean(seed("001"))
    assert "****政府副区长" in mt.text
    spans = masked_spans(mt.text)
    assert spans and all(set(mt.text[a:b]) == {"*"} and b - a >= 2 for a, b in spans)
