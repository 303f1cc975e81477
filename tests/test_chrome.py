"""Page chrome in the body (disclaimers, sources, share bars) is kept as chrome and never analysed."""

from semcomp.ingest.chrome import is_chrome, repeated_chrome
from semcomp.store.filters import Filters

DISCLAIMER = "免责声明：本文仅代表作者观点，不代表本站立场。凡注明为中国县域原创作品的，未经许可，不得转载！"
NONPROFIT = "本站为非营利性网站，来源于网络的作品，若对您造成了侵权，请联系本站，我们会第一时间予以处理。"


def test_lines_that_speak_of_the_page_are_chrome():
    lines = (DISCLAIMER, NONPROFIT, "来源：河北新闻网", "（责任编辑：韩茜）", "（来源：青海日报）", "编辑推荐")
    lines += ("省各设区市及省直管县（市）",)
    for line in lines:
        assert is_chrome(line), line


def test_policy_prose_about_websites_and_rights_is_not_chrome():
    """Real sentences of the corpus that use the web's words (涞水县 2021, 国务院 2008)."""
    for line in (
        "突出创新营销，深度策划营销活动，强化与主流媒体、网站的合作推广。",
        "保护知识产权力度加大，严厉打击了制假售假、非法传销、商业欺诈、盗版侵权等违法犯罪活动。",
        "来源：" + "各级财政资金" * 10,  # a long line is prose whatever it starts with
    ):
        assert not is_chrome(line), line


def test_repetition_across_regions_finds_what_no_marker_names():
    notice = "本文来自网络，如有侵权请告知删除"
    formula = "现在，我代表县人民政府，向大会报告工作，请予审议。"
    lines = [(notice, r) for r in ("易县", "唐县", "蠡县")] + [(formula, r) for r in ("易县", "唐县", "蠡县", "顺平县")]
    lines += [("欢迎访问本网站", "易县")] * 3  # one region's own page
    assert repeated_chrome(lines) == {notice}


def test_the_bundled_corpus_keeps_its_chrome_apart(corpus_catalogue):
    cat = corpus_catalogue
    chrome = {text for _, text in cat.passage_texts("paragraph") if is_chrome(text)}
    assert {DISCLAIMER, NONPROFIT} <= chrome
    kinds = dict(cat.db.execute("SELECT kind, count(*) FROM passages WHERE level = 'paragraph' GROUP BY kind").fetchall())
    assert kinds["chrome"] >= 70  # 79 when this was written, in 25 reports: kept, counted
    analysed = cat.passage_ids("paragraph", Filters(region="保定"))
    texts = dict(cat.passage_texts("paragraph"))
    assert not any(is_chrome(texts[i]) for i in analysed)
    # a page's tail after the last prose: the clickbait links after 编辑推荐 go with it
    tail = cat.db.execute("SELECT kind FROM passages WHERE level = 'paragraph' AND text = '盘点女星中的十大美腿'").fetchall()
    assert tail == [("chrome",)]
