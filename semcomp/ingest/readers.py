"""Files → documents: plain text, HTML, DOCX, PDF, and CSV/JSONL corpora (one report a row).

This is the I/O edge of ingest. Each reader yields ``Document``s or raises ``Skip`` with a
one-line reason; nothing here parses report structure.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from semcomp.bounded_read import MB, TooLarge, read_bounded
from semcomp.ingest.decoding import DecodeError, chinese_chars, decode
from semcomp.safe_text import path_text

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CORPUS_SUFFIXES = {".csv", ".tsv", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES | {".docx", ".pdf"}
MIN_CHINESE = 50
DEFAULT_MAX_MB = 20.0
MAX_MB = 4096  # --max-mb above this is a slip (1e308 once skipped every file)

TEXT_COLUMNS = ("text", "content", "fulltext", "full_text", "body", "正文", "全文", "内容", "文本")
META_COLUMNS = {
    "title": ("title", "标题", "名称", "报告名称"),
    "region": ("region", "地区", "地区名称", "地区全称", "region_name"),
    "level": ("level", "级别", "行政级别"),
    "year": ("year", "年份", "年度"),
    "date": ("date", "日期"),
    "report_type": ("report_type", "type", "类型", "报告类型"),
    "speaker": ("speaker", "报告人"),
}


class Skip(Exception):
    """A path that yields no document, with a one-line reason; ``failed`` says if it is an error."""

    def __init__(self, reason: str, failed: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.failed = failed


@dataclass
class Document:
    path: Path
    raw: str  # the text that every offset refers to
    format: str
    encoding: str | None
    sha256: str
    size: int
    row_meta: dict[str, str] = field(default_factory=dict)
    row: int | None = None  # the row number, for a corpus row
    warnings: list[str] = field(default_factory=list)
    stored_as: str | None = None  # the catalogue key of a document read back from a catalogue
    refused: str | None = None  # why a corpus row is not stored (it is reported, and the other rows are)

    @property
    def source(self) -> str:
        """The catalogue key: absolute path, plus ``#row=N`` for a corpus row."""
        return self.stored_as or path_text(self.path.resolve()) + (f"#row={self.row}" if self.row else "")

    @property
    def name(self) -> str:
        """The default report id: file stem, plus ``-rN`` for a corpus row."""
        return path_text(self.path.stem) + (f"-r{self.row}" if self.row else "")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _require_chinese(text: str, what: str = "file") -> None:
    n = chinese_chars(text)
    if n < MIN_CHINESE:
        raise Skip(f"no Chinese report text in this {what} ({n} Chinese characters)")


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """Text, encoding and a warning when bytes had to be replaced; ``Skip`` when undecodable."""
    try:
        text, encoding, replaced = decode(data)
    except DecodeError as exc:
        raise Skip(str(exc)) from None
    return text, encoding, [f"{replaced} undecodable bytes replaced (as {encoding})"] if replaced else []


def read_text(path: Path, data: bytes) -> Document:
    text, encoding, warnings = _decode(data)
    _require_chinese(text)
    return Document(path, text, "text", encoding, _sha(data), len(data), warnings=warnings)


_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|tr|table|section|article|blockquote|pre|dd|dt)\s*>")
_CELL_END = re.compile(r"(?i)</t[dh]\s*>")
_META_CHARSET = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?([\w-]+)""")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_HIDDEN = ("script", "style", "noscript", "template", "svg", "head")
MAX_DEPTH = 256  # the HTML parser's time grows with the square of the nesting depth


def limit_depth(html: str, max_depth: int = MAX_DEPTH) -> str:
    """Drop the tags nested deeper than ``max_depth`` (keeping their text), in linear time.

    Real pages nest a few dozen levels; a page of 100,000 nested ``<div>``s took over a minute to
    parse. Tags of hidden content (script, style…) are always kept, so their text stays hidden.
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() not in _VOID and not m.group(3):
            depth = max(0, depth - 1) if m.group(1) else depth + 1
            deepest = max(deepest, depth)
    if deepest <= max_depth:
        return html
    depth = 0

    def keep(m: re.Match[str]) -> str:
        nonlocal depth
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            return m.group(0)
        if m.group(1):
            depth = max(0, depth - 1)
            return m.group(0) if depth < max_depth or name in _HIDDEN else ""
        depth += 1
        return m.group(0) if depth <= max_depth or name in _HIDDEN else ""

    return _TAG.sub(keep, html)


def read_html(path: Path, data: bytes) -> Document:
    """Visible text of a page, one line per block element, table cells joined by ``|``."""
    from selectolax.lexbor import LexborHTMLParser

    declared = _META_CHARSET.search(data[:4096])
    try:
        html = data.decode(declared.group(1).decode()) if declared else None
    except (LookupError, UnicodeDecodeError):
        html = None
    encoding = declared.group(1).decode().lower() if html is not None and declared else None
    warnings: list[str] = []
    if html is None:
        html, encoding, warnings = _decode(data)
    html = _CELL_END.sub(" | ", _BLOCK_END.sub(lambda m: m.group(0) + "\n", limit_depth(html)))
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(_HIDDEN))
    root = tree.body or tree.root
    text = root.text(separator="") if root else ""
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    _require_chinese(text)
    return Document(path, text, "html", encoding, _sha(data), len(data), warnings=warnings)


def read_docx(path: Path, data: bytes, unpacked_limit: int) -> Document:
    """Paragraphs and tables in document order; tables as ``|``-joined rows.

    A .docx is a zip: 92 KB of it unpacked to 30 MB of XML took 99 s and 926 MB. The sizes its members
    declare (which Python's zip reader never reads past) must add up to at most ``unpacked_limit``; XML
    nesting is capped by lxml itself (256 levels unless told otherwise)."""
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        unpacked = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Skip(f"not a readable .docx ({type(exc).__name__})") from None
    if unpacked > unpacked_limit:
        raise Skip(f"unpacks to {unpacked / MB:.0f} MB (the limit is {unpacked_limit / MB:.0f} MB, see --max-mb): a zip bomb?")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise Skip(f"not a readable .docx ({type(exc).__name__})") from None
    lines = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    text = "\n".join(lines)
    _require_chinese(text)
    return Document(path, text, "docx", None, _sha(data), len(data))


_WRAP_END = re.compile(r"[。！？：；”）…]$")
_HEADING_START = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、])")


def unwrap_lines(text: str) -> str:
    """Rejoin prose that a PDF's text layer broke at the page width."""
    lines = [line.strip() for line in text.splitlines()]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    full = lengths[int(len(lengths) * 0.9)]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        prev = out[-1] if out else ""
        if prev and len(prev) >= 0.8 * full and not _WRAP_END.search(prev) and not _HEADING_START.match(line):
            out[-1] = prev + line
        else:
            out.append(line)
    return "\n".join(out)


def read_pdf(path: Path, data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise Skip(f"not a readable PDF ({type(exc).__name__})") from None
    text = unwrap_lines(text)
    if chinese_chars(text) < MIN_CHINESE:
        raise Skip("PDF has no Chinese text layer (scanned? OCR it first)")
    return Document(path, text, "pdf", None, _sha(data), len(data))


def _column(names: list[str], wanted: tuple[str, ...]) -> str | None:
    lowered = {n.strip().lower(): n for n in names}
    return next((lowered[w] for w in wanted if w in lowered), None)


_EXTRA = "\0extra"  # where csv puts the fields of a row beyond its header


def _rows(path: Path, data: bytes) -> Iterator[dict[str, str]]:
    text, _, _ = _decode(data)
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                raise Skip(f"line {n} is not JSON") from None
            if not isinstance(obj, dict):
                raise Skip(f"line {n} is not a JSON object")
            yield {str(k): "" if v is None else str(v) for k, v in obj.items()}
    else:
        csv.field_size_limit(1 << 30)
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        yield from csv.DictReader(io.StringIO(text), dialect=dialect, restkey=_EXTRA)


def read_corpus(path: Path, data: bytes, max_row: int) -> Iterator[Document]:
    """One document per row; the text column is named (text, 正文, …) or is the longest one.

    A row with more fields than the header is read by its header, with a warning; a row whose text is
    over ``max_row`` bytes is refused, as a file of that size would be.
    """
    try:
        rows = list(_rows(path, data))
    except csv.Error as exc:
        raise Skip(f"not a readable CSV ({exc})") from None
    if not rows:
        raise Skip("no rows")
    names = [n for n in rows[0] if n != _EXTRA]
    text_col = _column(names, TEXT_COLUMNS)
    if text_col is None:
        avg = {n: sum(len(r.get(n) or "") for r in rows) / len(rows) for n in names}
        text_col = max(avg, key=lambda n: avg[n])
        if avg[text_col] < 200:
            if _column(names, ("file", "path", "文件")):
                raise Skip("a manifest (metadata for other files), not a corpus", failed=False)
            raise Skip("no text column (expected one named text/content/正文)")
    meta_cols = {key: col for key, options in META_COLUMNS.items() if (col := _column(names, options))}
    for n, row in enumerate(rows, 1):
        text = row.get(text_col) or ""
        if chinese_chars(text) < MIN_CHINESE:
            continue
        meta = {key: row[col].strip() for key, col in meta_cols.items() if row.get(col)}
        raw = text.encode("utf-8")
        extra = [f"row {n} has {len(row[_EXTRA])} fields more than the header; they were left out"] if row.get(_EXTRA) else []
        refused = None
        if len(raw) > max_row:
            refused = f"row {n} too large ({len(raw) / MB:.1f} MB; the limit is {max_row / MB:.0f} MB, see --max-mb)"
        yield Document(path, "" if refused else text, "row", None, _sha(raw), len(raw), meta, n, extra, refused=refused)


def read_path(path: Path, max_mb: float = DEFAULT_MAX_MB) -> Iterator[Document]:
    """Documents in one file; raises ``Skip`` for a file that yields none."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise Skip(f"unsupported file type '{path_text(suffix or path.name)}'")
    info = path.stat()  # of what a link points to
    if not stat.S_ISREG(info.st_mode):
        raise Skip("not a regular file (a device, pipe or socket)")
    limit = int(max_mb * MB * (50 if suffix in CORPUS_SUFFIXES else 1))
    try:
        data = read_bounded(path, limit)
    except TooLarge as exc:
        raise Skip(f"too large ({exc.size / MB:.1f} MB; the limit is {limit / MB:.0f} MB, see --max-mb)") from None
    if not data.strip():
        raise Skip("empty file")
    if suffix in CORPUS_SUFFIXES:
        yield from read_corpus(path, data, int(max_mb * MB))
    elif suffix in HTML_SUFFIXES:
        yield read_html(path, data)
    elif suffix == ".docx":
        yield read_docx(path, data, int(max_mb * MB))
    elif suffix == ".pdf":
        yield read_pdf(path, data)
    else:
        yield read_text(path, data)


def discover(paths: list[Path]) -> Iterator[Path]:
    """Files under the given paths, in a stable order, hidden files and folders left out. What can't be
    read is yielded too, so that it is reported: a folder that can't be listed, a dangling link, a pipe."""
    for path in paths:
        if not path.is_dir() or not os.access(path, os.R_OK | os.X_OK):
            yield path
            continue
        for child in sorted(path.rglob("*")):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if not child.is_dir() or not os.access(child, os.R_OK | os.X_OK):
                yield child
