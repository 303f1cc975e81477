"""Reading figures out of sentences: indicator, value, unit, growth, target or result, period.

These reports write figures in a few fixed shapes, so plain rules over clauses read them:

- ``地区生产总值806亿元，同比增长3.2%，塌目标1.8个百分点``: a level and a growth of one indicator
  (a clause without a name inherits the sentence's last one) and the gap to the target;
- ``城镇和农村常住居民人均可支配收入完成29092元、17191元，分别增长3%、6.4%``: one phrase names two
  indicators, and each list of values is shared out in order;
- ``主要预期目标是：地区生产总值增长8%以上`` (a target), ``预计全年实现…增长5%左右`` (an estimate),
  ``全区实现…`` in the review (a result).

A figure outside the dictionary keeps the name the clause gives it, but only a name that reads as a
quantity (``新增商业面积``, ``旅游总收入``): fragments such as ``占`` or ``建设`` are never figures.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Literal

from semcomp.figures.indicators import BY_NAME, Mention, mentions
from semcomp.figures.units import PATTERN, normalise, same_kind

Measure = Literal["level", "growth", "average growth", "points"]
FigureKind = Literal["target", "result", "estimate"]

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
VALUE = re.compile(rf"(?P<v>{NUM})(?:\s*[%％]?\s*[-—–－~～至到]\s*(?P<hi>{NUM}))?\s*(?P<u>{PATTERN})(?P<q>左右|以上|以内|以下|上下)?")
CLAUSE = re.compile(r"[^，,；;。：:！？!?]+")
CHANGE = re.compile(r"(?P<verb>增长|增速|增幅|增加|增|提高|提升|上升|上涨|涨幅|涨|下降|降低|降幅|降|回落|减少|减|下滑)"
                    r"(?:了|为|达)?(?:约|近|超|不低于|不少于|不超过|不高于)?$")  # fmt: skip
DOWN = ("下降", "降低", "降幅", "降", "回落", "减少", "减", "下滑")
BELOW = ("塌", "低于", "落后", "慢于")
GAP = re.compile(rf"(?P<dir>塌|低于|落后|慢于|高于|超|超出|快于)(?:预期|年度|序时|全年)?(?:目标|进度)(?:任务)?(?P<v>{NUM})个百分点")
FROM = re.compile(r"[从由]$")
FROM_TO = re.compile(rf"[从由]{NUM}[^，。；]*?(?:增加|提高|增长|提升|扩大|上升|下降|减少|降低)到")
BASE = re.compile(r"(?:比|较|与)(?:[“\"]?十[一二三四五六]五[”\"]?末|(?P<y>(?:19|20)\d\d)年)")
CUMULATIVE = re.compile(r"累计|合计")
LIST_JOIN = re.compile(r"^\s*(?:、|和|与|及|，|,)\s*$")

# what a clause says before a value about how firm it is: a floor (不低于), a ceiling (控制在…以内, 不超过),
# a reach (力争, 争取), a promise (确保), an approximation (约, only right before the value or its verb)
HEDGE = re.compile(r"(?:不低于|不少于|不超过|不高于|力争|争取|确保|控制在)|约(?=(?:增长|提高|下降|降低|达到?|为)?$)")
TARGET_CUES = re.compile(r"目标(?:是|为|：|建议为)|建议为|力争|争取|今后五年|到20\d\d年")
ESTIMATE_CUES = re.compile(r"(?<!于)预计|预期可|有望")
RESULT_CUES = re.compile(r"完成|实现|达到|突破|同比|比上年|比去年|较上年")

EXPLICIT = re.compile(r"(?<![比较与同自从于以])(?:(?P<y>(?:19|20)\d{2})年(?!以来|前|底前|度预算)"
                      r"(?P<sub>上半年|下半年|一季度|第一季度|前三季度|1[-—–~至]\d{1,2}月|全年)?"
                      r"|(?P<rel>今年|去年|上年|本年)(?P<sub2>上半年|一季度|前三季度|1[-—–~至]\d{1,2}月)?"
                      r"|(?P<bare>上半年|前三季度|一季度|1[-—–~至]\d{1,2}月))")  # fmt: skip
SPAN = re.compile(
    r"这五年|五年来|过去五年|近五年|今后五年|未来五年|五年内|五年间|五年的努力"
    r"|[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|以来)"
)

QUANTITY = re.compile(r"(?:总值|总额|总量|产值|产量|增加值|收入|支出|投资|资金|余额|面积|人数|人次|户数|数量|规模|率|比重|占比|指数|价格|"
                      r"里程|出口|进口|消费|贷款|存款|税收|利润|营收|销售额|交易额|成交额|吞吐量|游客|人口|天数|产能|业务量|用电量|"
                      r"客流量|装机|户|亩|产|额|量)$")  # fmt: skip
LEAD = re.compile(
    r"^(?:其中|全区|全县|全市|全省|全旗|全国|全年|上半年|预计|力争|确保|争取|今年|去年|实现|完成|累计|共|"
    r"\d{4}年|[一二三四五六七八九十]+是)+"
)
TRAIL = re.compile(r"(?:按|可比口径|同口径|口径|按可比价格计算|扣除价格因素|可比|实际|名义|"
                   r"实现|完成|达到了?|达|为|突破|超过|累计|同比|比上年|比去年同期|比上年同期|较上年|分别|总量|总额达|年均|共|新增|"
                   r"增长|增速|增幅|增|提高|提升|上升|上涨|下降|降低|降|回落|减少|减|下滑|了|约|近|超)+$")  # fmt: skip
MAX_NAME = 16


@dataclass(frozen=True)
class Figure:
    indicator: str
    standard: bool  # one of the dictionary's indicators
    value: float
    unit: str
    normalised: float  # the value in the indicator's unit (亿元, 元, 万人 …)
    normal_unit: str
    measure: Measure
    change: str | None  # 增长 | 下降 for a growth or a change in points
    kind: FigureKind
    qualifier: str | None  # 左右 | 以上 | 以内 …
    period: str  # 2023年上半年, 2022年, 过去五年; "" where the text does not say
    year: int | None  # the year the figure is about, where it is one year or part of one
    text: str  # the sentence it was read from
    start: int  # the sentence's offsets (into the raw text when read from a report)
    end: int
    high: float | None = None  # the upper end of a range (增长6%—6.5%)
    gap: float | None = None  # points above (+) or below (−) the target, where the report says
    hedge: str | None = None  # 力争, 确保, 不低于, 控制在, 约 … said before the value in its clause

    def to_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        """``增长3.2%左右`` or ``806亿元``: the value as a reader writes it."""
        change = self.change or ""
        prefix = {"growth": change, "average growth": f"年均{change}", "points": change}.get(self.measure, "")
        high = f"—{self.high:g}" if self.high is not None else ""
        return f"{prefix}{self.value:g}{high}{self.unit}{self.qualifier or ''}"


@dataclass(frozen=True)
class Context:
    """What the surrounding report says about when its figures are."""

    review_year: int | None  # the year its review is about (a half-year report: that year's first half)
    plan_year: int | None  # the year its targets are for
    part: str  # review | plan | other
    half_year: bool = False  # a half-year execution report
    this_year: int | None = None  # what 今年 means: the year it was delivered
    section: str = ""  # the titles of the section and its parents (``“十四五”时期工作回顾``)


def _period(sentence_upto: str, ctx: Context, carried: tuple[str, int | None] | None, target: bool) -> tuple[str, int | None]:
    """The period a value is about: the last one the text names before it, else the report's."""
    found = None
    for m in EXPLICIT.finditer(sentence_upto):
        found = m
    if found is not None:
        y = ctx.this_year or ctx.review_year
        if found.group("y"):
            y = int(found.group("y"))
            sub = found.group("sub") or ""
        elif found.group("rel"):
            this = ctx.this_year or ctx.plan_year
            y = None if this is None else this - (found.group("rel") in ("去年", "上年"))
            sub = found.group("sub2") or ""
        else:
            sub = found.group("bare")
        sub = "" if sub == "全年" else re.sub(r"[-—–~至]", "-", sub).replace("第一季度", "一季度")
        return (f"{y}年{sub}" if y else sub), y
    section = SPAN.search(ctx.section) if ctx.section and not EXPLICIT.search(ctx.section) else None
    span = SPAN.search(sentence_upto) or (None if carried else section)
    if span:
        ahead = re.match(r"今后|未来", span.group(0)) or (span is section and ctx.part == "plan")
        if ahead and ctx.plan_year and target:  # a five-year plan's targets are for its last year
            return f"{ctx.plan_year + 4}年", ctx.plan_year + 4
        return span.group(0).strip('“”"'), None
    if carried:
        return carried
    y = ctx.plan_year if target else ctx.review_year
    if y is None:
        return "", None
    return (f"{y}年上半年" if ctx.half_year and not target else f"{y}年"), y


def _kind(sentence: str, clause: str, ctx: Context) -> FigureKind:
    if FROM_TO.search(sentence):
        return "result"
    if TARGET_CUES.search(sentence):
        return "target"
    if ctx.part == "plan":
        return "result" if re.search(r"去年|(?<![以比较])上年|过去", sentence) and RESULT_CUES.search(sentence) else "target"
    if ESTIMATE_CUES.search(sentence):
        return "estimate"
    if ctx.part != "review" and re.search(r"左右|力争|以上", clause) and not RESULT_CUES.search(clause):
        return "target"
    return "result"


DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}
CN_PERCENT = re.compile(r"百分之([零一二三四五六七八九十]+(?:点[零一二三四五六七八九]+)?)")
ASIDE = re.compile(r"[（(][^）)]*[）)]")


def _cn_number(text: str) -> str:
    """``三点九`` → ``3.9``, ``十二`` → ``12``, ``二十`` → ``20``."""
    whole, _, frac = text.partition("点")
    tens, _, ones = whole.partition("十")
    n = (DIGITS.get(tens, 1) if tens else 1) * 10 + DIGITS.get(ones, 0) if "十" in whole else DIGITS.get(whole, 0)
    return f"{n}.{''.join(str(DIGITS[c]) for c in frac)}" if frac else str(n)


def arabic_percent(text: str) -> str:
    """``百分之三点九`` → ``3.9%`` (older national reports write per cent in words)."""
    return CN_PERCENT.sub(lambda m: _cn_number(m.group(1)) + "%", text)


def without_asides(text: str) -> str:
    """Bracketed asides dropped (``增长23%（按可比口径，可达839.8亿元）``): their figures restate others."""
    return ASIDE.sub("", text)


def _bare(before: str) -> str:
    """What a clause says before its value once asides in brackets, verbs and lead words are gone."""
    return LEAD.sub("", TRAIL.sub("", ASIDE.sub("", before).strip()))


def _free_name(before: str) -> list[str]:
    """The quantity a clause names before its value, split where it lists several (``A和B分别``)."""
    name = _bare(before)
    parts = [p for p in re.split(r"和|、|及|与", name) if p]
    good = [p[-MAX_NAME:] for p in parts if len(p) >= 3 and QUANTITY.search(p) and not re.search(r"[\d\W_a-zA-Z]", p)]
    return good if len(good) == len(parts) else []


def _measure(unit: str, verb: str | None, before: str, rate: bool, year: int | None) -> Measure | None:
    if FROM.search(before):
        return None  # the start of ``从4.16万亿元增加到5.67万亿元``
    base = BASE.search(before) if verb else None
    if base and not (base.group("y") and year and int(base.group("y")) == year - 1):
        return None  # growth over several years (比“十二五”末增长52.4%), not a year's growth
    if unit == "个百分点":
        return "points"
    if unit != "%" and verb:
        return None  # ``比上年减少近500亿元``: a change in amount, not a level
    if unit == "%":
        if verb:
            return "average growth" if "年均" in before[-12:] else "growth"
        return "level" if rate else None
    return "level"


def read(sentences: list[tuple[str, int, int]], ctx: Context) -> list[Figure]:
    """Figures of one paragraph, given as its sentences with their offsets."""
    out: list[Figure] = []
    carried: dict[bool, tuple[str, int | None]] = {}  # the period named earlier in the paragraph, for targets and results
    for written, start, end in sentences:
        sentence = without_asides(arabic_percent(written))
        subjects: list[tuple[str, ...]] = []  # the names each clause gave, in order
        for cm in CLAUSE.finditer(sentence):
            clause = cm.group(0)
            gap = GAP.search(clause)
            if gap:
                _attach_gap(out, start, -float(gap.group("v")) if gap.group("dir") in BELOW else float(gap.group("v")))
                continue
            names = mentions(clause)
            values = list(VALUE.finditer(clause))
            if not values:
                if names:
                    subjects.append(tuple(n for m in names for n in m.names))
                continue
            kind = _kind(sentence, clause, ctx)
            upto = sentence[: cm.start() + values[0].start()]
            target = kind == "target"
            period = _period(upto, ctx, carried.get(target), target)
            if EXPLICIT.search(upto) or SPAN.search(upto):
                carried[target] = period
            if FROM_TO.search(sentence) or CUMULATIVE.search(clause[: values[0].start()]):
                period = ("累计" if "累计" in clause else "多年", None)  # a change over years, not one year's figure
            owners = _owners(clause, names, values, subjects)
            for v, verb, owner in zip(values, _verbs(clause, values), owners, strict=True):
                if v.group("q") in ("以上", "以下") and clause[v.end() : v.end() + 1] == "的":
                    continue  # ``收入10亿元以下的县``: a value that describes something else
                figure = owner and _figure(v, verb, clause[: v.start()], owner, kind, period, (written, start, end))
                if figure:
                    out.append(figure)
            if any(owners):
                subjects.append(tuple(dict.fromkeys(o for o in owners if o)))
    return out


def _figure(v: re.Match, verb: str | None, before: str, name: str, kind: FigureKind, period: tuple[str, int | None],
            where: tuple[str, int, int]) -> Figure | None:  # fmt: skip
    indicator = BY_NAME.get(name)
    unit = v.group("u").replace("％", "%")
    measure = _measure(unit, verb, before, bool(indicator and indicator.rate), period[1])
    if measure is None:
        return None
    if indicator and measure == "level" and not same_kind(unit, indicator.unit):
        return None  # ``地区生产总值…5项``: not a value of this indicator
    value = float(v.group("v").replace(",", ""))
    normalised, normal_unit = normalise(value, unit, indicator.unit if indicator and measure == "level" else unit)
    change = ("下降" if verb in DOWN else "增长") if verb and measure != "level" else None
    high = float(v.group("hi").replace(",", "")) if v.group("hi") else None
    hedges = HEDGE.findall(before)
    return Figure(name, indicator is not None, value, unit, normalised, normal_unit, measure, change, kind, v.group("q"),
                  period[0], period[1], *where, high=high, hedge=hedges[-1] if hedges else None)  # fmt: skip


def _attach_gap(out: list[Figure], sentence_start: int, gap: float) -> None:
    """``塌目标1.8个百分点`` belongs to the growth just before it in the same sentence."""
    for i in range(len(out) - 1, -1, -1):
        if out[i].start != sentence_start:
            return
        if out[i].measure == "growth":
            out[i] = replace(out[i], gap=gap)
            return


def _verbs(clause: str, values: list[re.Match]) -> list[str | None]:
    """The change verb in front of each value; a value listed after another (``3%、6.4%``) shares it."""
    verbs: list[str | None] = []
    for i, v in enumerate(values):
        found = CHANGE.search(clause[: v.start()])
        if found:
            verbs.append(found.group("verb"))
        else:
            listed = i > 0 and LIST_JOIN.match(clause[values[i - 1].end() : v.start()])
            verbs.append(verbs[-1] if listed else None)
    return verbs


def _owners(clause: str, names: list[Mention], values: list[re.Match], subjects: list[tuple[str, ...]]) -> list[str | None]:
    """The indicator each value of a clause belongs to; ``None`` where no name reads as a quantity."""
    runs = _runs(clause, values)
    owner: dict[int, str] = {}

    def share(run: list[re.Match], names: tuple[str, ...] | list[str]) -> None:
        owner.update(zip((id(v) for v in run), names, strict=True))

    flat = [n for m in names for n in m.names]
    if len(flat) > 1 and values[0].start() >= names[-1].end and all(len(r) == len(flat) for r in runs):
        for run in runs:  # ``A、B、C分别增长8%、10%、9%``: one value each, in order
            share(run, flat)
        return [owner.get(id(v)) for v in values]
    for run in runs:
        named = [m for m in names if m.end <= run[0].start()]
        if named and not _governs(clause[named[-1].end : run[0].start()]):
            continue  # ``收入增长2.3%、支出首次超过7000亿元``: the value belongs to another quantity
        free = [] if named else _free_name(clause[: run[0].start()])
        given = named[-1].names if named else tuple(free)
        if not given and not names and subjects and not _bare(clause[: run[0].start()]):  # ``同比增长7.1%``: the last names
            last, earlier = subjects[-1], subjects[-len(run) :]
            if len(last) == len(run):
                given = last
            elif len(earlier) == len(run) and all(len(s) == 1 for s in earlier):  # ``A 17175元，B 5153元，增长9.8%和8.5%``
                given = tuple(s[0] for s in earlier)
        if len(given) == 1:
            share(run, given * len(run))
        elif given and len(given) == len(run):
            share(run, given)
    return [owner.get(id(v)) for v in values]


def _governs(between: str) -> bool:
    """Whether a name still governs a value after ``between``: not once a list moves on to another noun."""
    tail = between.rsplit("、", 1)[-1] if "、" in between else ""
    return not _bare(re.sub(rf"^{NUM}\S*?(?:{PATTERN})", "", tail))


def _runs(clause: str, values: list[re.Match]) -> list[list[re.Match]]:
    """Values split into runs listed with 、 or 和 (``29092元、17191元``)."""
    runs: list[list[re.Match]] = []
    for v in values:
        if runs and LIST_JOIN.match(clause[runs[-1][-1].end() : v.start()]):
            runs[-1].append(v)
        else:
            runs.append([v])
    return runs


def read_table(rows: list[tuple[str, int, int]], ctx: Context) -> list[Figure]:
    """Figures of an indicator table (``指标 | 单位 | 预期目标 | 完成数 | 增长%``).

    Only tables whose header names targets and results, and only rows that start with a standard
    indicator: a cell written as a target (``增长8%``, ``5以内``) is the target, the first bare
    number the result in the row's unit, a second bare number its growth in per cent.
    """
    header = " ".join(text for text, _, _ in rows[:3])
    if not (re.search(r"指标", header) and re.search(r"目标|计划", header) and re.search(r"完成|实际|上半年|\d+月|全年", header)):
        return []
    cut = header.find("目标") if "目标" in header else header.find("计划")
    planned, done = _period(header[:cut], ctx, None, True), _period(header[cut:], ctx, None, False)
    out: list[Figure | None] = []
    for text, start, end in rows:
        cells = [c.strip() for c in text.split("|")]
        found = mentions(cells[0])
        if not found or found[0].start != 0 or len(found[0].names) != 1 or len(cells) < 3:
            continue
        name, unit = found[0].names[0], cells[1]
        where = (text, start, end)
        numbers = []
        for cell in cells[2:]:
            if re.fullmatch(NUM, cell) or re.fullmatch(r"[—\-/－]+", cell):  # a number, or a dash for none
                numbers.append(cell if cell[0].isdigit() else None)
                continue
            v = VALUE.search(cell if re.search(PATTERN, cell) else re.sub(rf"({NUM})", rf"\g<1>{unit}", cell, count=1))
            if v and not numbers:
                change = CHANGE.search(cell[: v.start()])
                out.append(_figure(v, change and change.group("verb"), cell[: v.start()], name, "target", planned, where))
        for number, measure_unit in zip(numbers, (unit, "%"), strict=False):
            if number is None:
                continue
            v = VALUE.search(f"{number}{measure_unit}")
            if v:
                out.append(_figure(v, "增长" if measure_unit == "%" and unit != "%" else None, "", name, "result", done, where))
    return [f for f in out if f]


def opening_period(paragraph: str) -> str | None:
    """The period a paragraph opens with (``这五年，…``, ``2025年，…``, ``过去一年``): it holds for the
    paragraphs after it until another opens with one. ``None`` where it opens with none."""
    head = paragraph[:OPENING]
    if span := SPAN.search(head):
        return span.group(0)
    return "" if EXPLICIT.search(head) or re.search(r"过去一年|一年来", head) else None


OPENING = 40  # characters in which a paragraph names the period it opens with
