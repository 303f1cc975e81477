"""A font that draws Chinese, found rather than assumed.

A system CJK font is used when matplotlib can see one (Noto/Source Han Sans, WenQuanYi, SimHei…);
otherwise Noto Sans CJK SC from the ``mplfonts`` package, a project dependency, so that charts never
show empty boxes on a machine without Chinese fonts. Web pages embed a subset of the same font.
"""

from __future__ import annotations

import importlib.util
import io
import os
from functools import cache
from pathlib import Path

from semcomp.errors import SemcompError

PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei",
             "PingFang SC", "Noto Sans SC")  # fmt: skip


class FontError(SemcompError):
    """No font that can draw Chinese."""


@cache
def cjk_font() -> str:
    """Register and return the family name of a CJK font for matplotlib."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED:
        if name in installed:
            return name
    path = str(font_file())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def pyplot():
    """matplotlib's pyplot, set to draw Chinese: off-screen (Agg) unless a notebook has chosen its inline
    backend (``MPLBACKEND``), so that charts show in notebooks and never open windows elsewhere."""
    import matplotlib

    if not os.environ.get("MPLBACKEND"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = cjk_font()
    return plt


def font_file() -> Path:
    """The packaged Noto Sans CJK SC (SIL Open Font License), whatever the system has."""
    spec = importlib.util.find_spec("mplfonts")
    if spec and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if path.is_file():
            return path
    raise FontError("the packaged CJK font is missing: `pip install mplfonts`")


def cjk_subset(text: str) -> bytes:
    """A WOFF font holding the glyphs of ``text`` and printable ASCII: about 1 MB for 2,500 characters,
    against 16 MB for the whole font, so that pages carry the font and need no system one."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    font = TTFont(str(font_file()), recalcTimestamp=False)  # the font's own date, not now: a site built twice is the same
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text) | {chr(c) for c in range(32, 127)})))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
