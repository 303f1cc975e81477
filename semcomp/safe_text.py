"""Text that comes from outside (report text, file names, arguments) made safe to show.

Report text and paths are data: they are never parsed as markup, and control characters in them
(ESC sequences in forum copies, stray BEL or backspace) must not reach a user's terminal. File
names from Windows zips arrive as GBK bytes that Python carries as surrogate escapes; they are
decoded for display and for the catalogue, which stores text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# C0 controls except tab and newline, DEL, C1 controls; and the bidi overrides that reorder text
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ␛ for ESC
    return "␡" if code == 0x7F else "\ufffd"


def printable(text: object) -> str:
    """``text`` with every terminal control character replaced by a visible stand-in."""
    return _CONTROLS.sub(_picture, str(text))


def one_line(text: object) -> str:
    """``text`` as a single line of visible characters: a file name holding a newline can't forge a message."""
    return printable(text).replace("\n", "\u240a").replace("\t", "\u2409")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP)


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that Excel, WPS or LibreOffice shows as text: a string's control characters made visible
    and, where it would start a formula (``=1+2``, ``@SUM(…)``), a leading ``'``; numbers as they are."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def path_text(path: Path | str) -> str:
    """A path as text: names that are not UTF-8 (GBK from Windows zips) are decoded, never raised on; bytes
    that no encoding reads are shown escaped (``a\\xff.txt``), so that two such names never read alike."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        data = os.fsencode(name)
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="backslashreplace")
