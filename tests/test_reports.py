"""Report boundaries and metadata on the real seeds and external reports."""

from semcomp import Catalogue, ingest

from .conftest import DATA, by_source, seed


def test_metadata_of_every_seed_report(seeds_catalogue):
    got = {r.id: r for r in seeds_catalogue.reports()}
    assert len(got) == 6  # five files, one of them a compilation holding two reports
    guandu = got["000_783dc1874403daa0"]
    assert guandu.value("region") == "云南省昆明市官渡区"
    assert guandu.gov_level == "district"
    assert guandu.value("year") == 2023 and guandu.value("date") == "2023-08-31"
    assert guandu.value("report_type") == "计划执行情况报告（上半年）"
    assert (guandu.value("speaker"), guandu.value("role")) == ("吴小军", "官渡区人民政府副区长（提名人选）")
    assert guandu.meta["region"].source == "title" and guandu.meta["region"].confidence > 0.9

    masked = got["001_a8e5ecbf9c348b01"]
    assert masked.value("region") is None and masked.gov_level is None  # masked, not guessed
    assert masked.value("year") == 2021 and masked.value("date") == "2021-08-31"
    assert masked.value("report_type") == "计划执行情况报告（上半年）"
    assert masked.value("speaker") == "黄忠梁"

    qilin = got["002_377fd206c21df32a"]
    assert qilin.value("title") == "2023年曲靖市麒麟区政府工作报告"
    assert qilin.value("region") == "云南省曲靖市麒麟区"
    assert (qilin.value("date"), qilin.value("speaker")) == ("2023-01-04", "张忠文")
    assert qilin.value("report_type") == "政府工作报告"

    jinniu = got["004_d207dd5c7035d7fb"]
    assert jinniu.value("title") == "2022年成都市金牛区政府工作报告"
    assert jinniu.value("region") == "四川省成都市金牛区"
    assert (jinniu.value("date"), jinniu.value("speaker")) == ("2022-12-27", "罗开敏")


def test_compilation_yields_the_two_reports_it_holds(seeds_catalogue):
    reports = sorted(by_source(seeds_catalogue, "003_"), key=lambda r: r.ordinal)
    assert [r.value("title") for r in reports] == ["2023年惠阳区政府工作报告", "2023年南山区政府工作报告"]
    huiyang, nanshan = reports
    assert huiyang.value("region") == "广东省惠州市惠阳区" and not huiyang.truncated
    assert nanshan.truncated and any("cut off" in w for w in nanshan.warnings)
    # several 南山区 exist in China (深圳, 乌海, 甘孜 …): its body names 深圳 35 times, and that decides
    assert nanshan.value("region") == "广东省深圳市南山区"
    assert huiyang.end <= nanshan.start
    text = seeds_catalogue.report(nanshan.id).passages
    assert not any("试读结束" in p.text for p in text)


def test_compilation_warns_about_the_five_absent_reports(tmp_path):
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    summary = ingest([seed("003")], cat)
    absent = [w for o in summary.outcomes for w in o.warnings if "absent" in w]
    assert len(absent) == 5
    for name in ("沙湾区", "贡井区", "古泉镇", "解放区", "龙湾区"):
        assert sum(name in w for w in absent) == 1, name


def test_forum_chrome_is_not_report_text(seeds_catalogue):
    report = seeds_catalogue.report("004_d207dd5c7035d7fb")
    texts = [p.text for p in report.passages]
    assert texts[0].startswith("各位代表")
    for junk in ("设为首页", "回帖", "积分", "Powered by", "返回顶部", "签到天数"):
        assert not any(junk in t for t in texts), junk
    assert any(p.kind == "glossary" and "两拆一增" in p.text for p in report.passages)


def test_web_navigation_of_provincial_pages_is_dropped(corpus_catalogue):
    for report in by_source(corpus_catalogue, "province_"):
        full = corpus_catalogue.report(report.id)
        first = next(p for p in full.passages if p.granularity == "paragraph")
        assert first.text.startswith(("各位代表", "现在")), (report.id, first.text[:30])
        assert not any(p.text in ("下载", "打印", "全屏", "收藏", "相关报道：") for p in full.passages)


def test_every_bundled_file_yields_a_dated_typed_report(corpus_catalogue):
    reports = corpus_catalogue.reports()
    assert len(reports) == 213
    assert all(r.value("year") for r in reports)
    assert sum(r.value("region") is None for r in reports) == 1  # only the masked seed


def test_mislabelled_files_are_warned_about(tmp_path):
    """The source filed 高唐县 (Shandong) under 唐县 (Hebei); a manifest saying so is contradicted."""
    files = sorted((DATA / "baoding_hebei").glob("mislabelled_*.txt"))
    assert len(files) == 7
    manifest = tmp_path / "source_labels.csv"
    rows = ["file,region,year"]
    for f in files:
        wrong = "河北省保定市唐县" if "高唐县" in f.name else "河北省保定市易县"
        rows.append(f"{f},{wrong},{f.name.split('_')[3]}")
    manifest.write_text("\n".join(rows), encoding="utf-8")
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    summary = ingest(files, cat, manifests=[manifest])
    warned = [o for o in summary.outcomes if any("manifest gives region" in w for w in o.warnings)]
    assert len(warned) == 7
    assert all(r.value("region") in ("河北省保定市唐县", "河北省保定市易县") for r in cat.reports())  # manifest wins
    assert all(r.meta["region"].source == "manifest" for r in cat.reports())


def test_corrected_manifest_is_not_contradicted(tmp_path):
    folder = DATA / "baoding_hebei"
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    summary = ingest([*folder.glob("mislabelled_130627_*.txt"), folder / "manifest.csv"], cat)
    assert not any(w for o in summary.outcomes for w in o.warnings if "region" in w)
    assert {r.value("region") for r in cat.reports()} == {"山东省聊城市高唐县"}
