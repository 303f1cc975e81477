"""A font that draws Chinese, found rather than assumed.

A system CJK font is used when matplotlib can see one (Noto/Source Han Sans, WenQuanYi, SimHei…);
otherwise Noto Sans CJK SC from the ``mplfonts`` package, a project dependency, so that charts never
show empty boxes on a machine without Chinese fonts.
"""

from __future__ import annotations

import importlib.util
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
    spec = importlib.util.find_spec("mplfonts")
    if spec and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    raise FontError("no font for Chinese text: install one (e.g. Noto Sans CJK SC) or `pip install mplfonts`")
