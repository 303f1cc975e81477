"""Page chrome inside a report's text: site disclaimers, footers, share bars, copyright notices.

Web captures carry them into the body (``免责声明：本文仅代表作者观点，不代表本站立场…``). They are
kept and stored as passages of kind ``chrome``, so nothing is lost and every count can say how
much was set aside, but no analysis reads them. A line is chrome by what it says about the page
(its site, its editor, its sharing and printing), or, across a corpus, by repetition: the same
short line in reports of several regions that speaks of a site rather than of policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_CHROME = 200  # characters: a line longer than this is prose, whatever words it holds
# what a page says about itself, never what a government says in its report
_MARKERS = re.compile(
    r"免责声明|不代表本站|本站(?:为|立场|所有|发布|原创|不承担|声明|保留)|请联系本站|联系本站|来源于网络"
    r"|未经(?:本站)?(?:许可|授权|同意)[^。]{0,8}不得转载|转载请注明|版权所有|Copyright|©"
    r"|^[【（(]?责任编辑|^编辑[：:]|^作者[：:]|^[（(]?(?:稿件)?来源[：:][^。]{0,20}$|^(?:稿件)?来源[：:]\S{2,20}(?:网|报|台|站|号)"
    r"|^分享到|^扫一扫|^打印本页|^关闭窗口|^【?打印】?$|^【?关闭】?$|^上一篇[：:]|^下一篇[：:]|^【?字号|浏览次数|阅读次数|点击数[：:]|^添加时间"
    r"|^相关(?:报道|文章|链接|新闻)[：:]?$|^您需要登录|^(?:网站|本网)(?:地图|首页|声明)"
    r"|^(?:友情链接|网站导航|热点推荐|编辑推荐|推荐阅读|猜你喜欢|热门文章|延伸阅读)[：:]?$|^[省市]各(?:设区市|县（市、区）|县市区)"
)
# words of the web: a repeated line needs one of them to be chrome, or it is the genre's own formula
_WEB = re.compile(r"本站|网站|本网|网络|作者|编辑|版权|转载|侵权|链接|浏览|点击|下载|登录|注册|客户端|公众号|二维码|扫码")


def is_chrome(line: str) -> bool:
    """Whether one line (a paragraph) is page chrome by what it says."""
    text = line.strip()
    return 0 < len(text) <= MAX_CHROME and bool(_MARKERS.search(text))


def repeated_chrome(lines: Iterable[tuple[str, str]], reports: int = 3, regions: int = 2) -> set[str]:
    """Lines of a corpus that are chrome by repetition: ``(text, region)`` pairs, one per report
    and line, in; the texts that stand in ``reports`` reports or more, of ``regions`` regions or
    more, are short, and speak of the web, out."""
    seen: dict[str, tuple[int, set[str]]] = {}
    for text, region in lines:
        text = text.strip()
        if len(text) <= MAX_CHROME and _WEB.search(text):
            count, where = seen.get(text, (0, set()))
            seen[text] = (count + 1, where | {region})
    return {text for text, (count, where) in seen.items() if count >= reports and len(where) >= regions}
