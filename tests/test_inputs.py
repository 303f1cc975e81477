"""Every input format users have, and every kind of bad input, on real report text."""

import json
import os
import subprocess
import sys

import docx

from semcomp import Catalogue, ingest
from semcomp.ingest.decoding import decode

from .conftest import external, seed

GUANDU = seed("000").read_text(encoding="utf-8")


def _one(tmp_path, path, **kw):
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    summary = ingest([path], cat, **kw)
    return cat, summary


def test_gb18030_and_bom_are_detected(tmp_path):
    gb = tmp_path / "gb.txt"
    gb.write_bytes(GUANDU.encode("gb18030"))
    assert decode(gb.read_bytes())[:2] == (GUANDU, "gb18030")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + GUANDU.encode("utf-8"))
    cat, _summary = _one(tmp_path, gb)
    assert cat.reports()[0].value("region") == "云南省昆明市官渡区"
    assert decode(bom.read_bytes())[1] == "utf-8-sig"


def test_big5_is_detected():
    raw = external("national_1954_gwr.txt").read_text(encoding="utf-8")
    text = raw.encode("big5", errors="ignore").decode("big5")  # keep what Big5 can hold
    assert len(text) > 0.95 * len(raw)
    assert decode(text.encode("big5"))[:2] == (text, "big5")


def test_html_visible_text_only(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in GUANDU.splitlines())
    page = (
        '<html><head><meta charset="gbk"><title>标题</title><script>var x="各位代表";</script></head>'
        f"<body><nav><a href='/'>首页</a></nav>{body}<div>分享到：</div></body></html>"
    )
    path = tmp_path / "guandu.html"
    path.write_bytes(page.encode("gbk"))
    cat, _ = _one(tmp_path, path)
    report = cat.report(cat.reports()[0].id)
    assert report.value("region") == "云南省昆明市官渡区"
    assert not any("var x" in p.text or "分享到" in p.text for p in report.passages)
    assert next(s.title for s in report.sections if s.depth == 1) == "2023年上半年国民经济和社会发展计划执行情况"


def test_docx_paragraphs_and_tables(tmp_path):
    document = docx.Document()
    for line in GUANDU.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for i, row in enumerate((("指标", "单位", "完成"), ("地区生产总值", "亿元", "806"))):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    path = tmp_path / "guandu.docx"
    document.save(path)
    cat, _ = _one(tmp_path, path)
    report = cat.report(cat.reports()[0].id)
    assert report.value("date") == "2023-08-31"
    assert any(p.kind == "table" and "地区生产总值 | 亿元 | 806" in p.text for p in report.passages)


def test_csv_and_jsonl_corpora_one_report_per_row(tmp_path):
    qilin = seed("002").read_text(encoding="utf-8")
    rows = [{"title": "官渡区上半年", "地区": "云南省昆明市官渡区", "year": "2023", "正文": GUANDU},
            {"title": "麒麟区", "地区": "云南省曲靖市麒麟区", "year": "2023", "正文": qilin}]  # fmt: skip
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    cat, _summary = _one(tmp_path, jsonl)
    got = sorted(cat.reports(), key=lambda r: r.id)
    assert [r.id for r in got] == ["corpus-r1", "corpus-r2"]
    assert got[0].meta["region"].source == "manifest"  # a row's own columns act as its manifest
    assert got[1].value("region") == "云南省曲靖市麒麟区"
    import csv

    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    cat2 = Catalogue(tmp_path / "c2.sqlite", create=True)
    ingest([path], cat2)
    assert len(cat2.reports()) == 2


def test_bad_inputs_each_get_a_reason_and_nothing_is_lost(tmp_path):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.txt").write_bytes(b"")
    (junk / "blank.md").write_text("   \n\n", encoding="utf-8")
    (junk / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (junk / "english.txt").write_text("Annual report of the government. " * 50, encoding="utf-8")
    (junk / "undecodable.txt").write_bytes(b"\x81\x30\xff\xfe\xfa" * 300)
    (junk / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (junk / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (junk / "broken.pdf").write_bytes(b"%PDF-1.4 nothing here")
    big = junk / "huge.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    (junk / "good.txt").write_text(GUANDU, encoding="utf-8")
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([seed("002")], cat)
    before = [r.id for r in cat.reports()]
    summary = ingest([junk], cat)
    reasons = {os.path.basename(o.source): o.reason for o in summary.outcomes if o.status == "skipped"}
    assert set(reasons) == {"empty.txt", "blank.md", "binary.txt", "english.txt", "undecodable.txt", "image.png",
                            "broken.docx", "broken.pdf", "huge.txt"}  # fmt: skip
    assert "too large" in reasons["huge.txt"] and "50.0 MB" in reasons["huge.txt"]
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "no Chinese" in reasons["english.txt"]
    assert "unsupported" in reasons["image.png"]
    assert all("\n" not in r for r in reasons.values())
    assert summary.count("added") == 1
    assert set(before) <= {r.id for r in cat.reports()}


def test_cli_exit_codes_and_one_line_errors(tmp_path):
    env = os.environ | {"SEMCOMP_INDEXES": str(tmp_path / "idx"), "COLUMNS": "200"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "semcomp", *args], capture_output=True, text=True, env=env)

    missing = run("reports")
    assert missing.returncode == 1 and "no catalogue" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "bad.txt").write_bytes(b"")
    ok = run("ingest", str(seed("000")), str(tmp_path / "bad.txt"))
    assert ok.returncode == 1  # one input failed
    assert "skipped" in ok.stderr and "empty file" in ok.stderr
    listed = json.loads(run("reports", "--json").stdout)
    assert [r["id"] for r in listed] == ["000_783dc1874403daa0"] and listed[0]["paragraphs"] > 50
    outline = run("show", "000_783", "--outline")
    assert outline.returncode == 0 and "1.2.7 创新推进社会治理" in outline.stdout
    section = json.loads(run("show", "000_783", "--section", "1.1", "--json").stdout)
    assert section[0]["text"] == "（一）主要目标完成情况"
    assert run("show", "000_783", "--section", "9.9").returncode == 1
    assert run("show", "nosuch").returncode == 1
    again = run("ingest", str(seed("000")))
    assert again.returncode == 0 and "1 unchanged" in again.stderr
    assert run("remove", "000_783").returncode == 0
    assert json.loads(run("reports", "--json").stdout) == []
