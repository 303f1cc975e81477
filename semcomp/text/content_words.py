"""Content words: the jieba words that say what a passage is about.

Government reports wrap every topic in the same verbs and frames (坚持, 全面, 推进, 加快, 进一步…);
those, numbers and single characters say nothing about the topic. Theme labels and the pairing of
two reports' passages both weigh only the words left.
"""

from __future__ import annotations

from functools import lru_cache

from semcomp.text.terms import words

# verbs, adverbs and frames every section of every report uses; they say nothing about the topic
BOILERPLATE = frozenset(
    [
        "第一", "第二", "第三", "第四", "第五", "以下", "上述", "关于", "主要", "一些", "还有", "这是", "必须", "应当",
        "他们", "表示", "结果", "感谢", "领导", "基本", "坚决", "做到", "增加", "我国",
        "坚持", "全面", "推进", "加快", "进一步", "加强", "推动", "深化", "提升", "持续", "不断", "积极",
        "着力", "大力", "扎实", "稳步", "强化", "完善", "全力", "统筹", "实施", "开展", "落实", "做好",
        "抓好", "实现", "完成", "确保", "促进", "深入", "切实", "努力", "继续", "重点", "工作", "发展",
        "建设", "我们", "全区", "全县", "全市", "全省", "全镇", "全国", "我区", "我县", "我市", "我省",
        "各位", "代表", "今年", "去年", "明年", "年度", "上半年", "下半年", "一年", "以来", "同比",
        "增长", "下降", "达到", "累计", "其中", "分别", "亿元", "万元", "万人", "以上", "左右", "个",
        "家", "项", "万", "亿", "元", "人", "次", "和", "的", "了", "在", "是", "为", "与",
        "及", "等", "对", "将", "把", "以", "中", "上", "下", "新", "多", "大", "好", "高",
        "各", "一批", "一是", "二是", "三是", "四是", "五是", "方面", "工程", "体系", "机制", "能力",
        "水平", "质量", "高质量", "有序", "有效", "有力", "全方位", "政策", "措施", "任务", "目标",
        "取得", "成效", "进行", "加大", "力度", "作用", "基础", "进一步加强", "一系列", "新时代", "现代化",
        "部署", "要求", "工作会议", "政府", "人民政府", "区委", "县委", "市委", "省委",
    ]
)


def is_content_word(word: str) -> bool:
    """A word that says what a passage is about: two characters or more, no digits, not boilerplate."""
    return len(word) > 1 and word not in BOILERPLATE and not any(ch.isdigit() for ch in word)


@lru_cache(maxsize=8192)
def content_words(text: str) -> tuple[str, ...]:
    """Cached: compare weighs the same paragraphs' words for pairing and again for its themes."""
    return tuple(w for w in words(text) if is_content_word(w))
