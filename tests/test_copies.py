"""One report stored twice is recognised at ingest, linked, kept, and left out of analyses."""

from dataclasses import replace

from semcomp import Catalogue, ingest
from semcomp.ingest.copies import SECOND_COPY, fingerprint, second_copy
from semcomp.reuse.finder import find_reuse
from semcomp.reuse.selection import Selection
from semcomp.store.filters import Filters

from .conftest import DATA


def test_the_smaller_of_two_texts_that_share_most_of_it_is_the_copy():
    sizes = {"full": 1000, "abridged": 400, "next_year": 900}
    assert second_copy("abridged", 400, {"full": 370, "next_year": 60}, sizes).copy == "abridged"
    found = second_copy("full", 1000, {"abridged": 370}, sizes)
    assert (found.copy, found.original, found.mutual) == ("abridged", "full", False)
    assert second_copy("next_year", 900, {"full": 280}, sizes) is None  # a county's next report: 0.31 at most


def test_a_fingerprint_ignores_line_breaks_and_punctuation():
    text = "全年地区生产总值增长5.5%，一般公共预算收入增长6.2%，城乡居民收入稳步提高。" * 20
    broken = [text[:97], text[97:300] + "\n", " " + text[300:]]
    assert fingerprint([text]) == fingerprint(broken) and fingerprint([text])


def test_one_text_filed_twice_and_an_abridged_capture_are_second_copies(corpus_catalogue):
    copies = corpus_catalogue.second_copies()
    # the same 2007 text filed under 2006 and 2007: the text's date (2007-01-30) keeps the 2007 one
    assert copies["hebei_保定市_2006_gwr"][0] == "hebei_保定市_2007_gwr"
    # 河北日报's abridged capture (摘登) of the province's 2026 report, beside the full text
    original, share = copies["hebei_河北省_2026_gwr"]
    assert original == "province_河北省_2026_gwr" and share >= SECOND_COPY
    assert len(copies) == 2  # and no two distinct reports of the corpus
    warning = next(w for w in corpus_catalogue.report("hebei_保定市_2006_gwr", passages=False).warnings if "second copy" in w)
    assert "保定市 2007" in warning and "filed as 保定市 2006" in warning


def test_second_copies_are_left_out_of_reuse_and_series_unless_asked_for(corpus_catalogue):
    cat = corpus_catalogue
    hebei = Selection(region="河北省", years=(2026, 2026))
    pair = {"hebei_河北省_2026_gwr", "province_河北省_2026_gwr"}
    def between(selection: Selection) -> list:
        return [f for f in find_reuse(cat, selection) if {f.source.report_id, f.target.report_id} == pair]

    assert not between(hebei)
    assert between(replace(hebei, all_copies=True))  # kept on request: then it is the corpus's strongest copying
    assert "hebei_保定市_2006_gwr" not in cat.report_ids(Filters(region="保定市"))
    assert "hebei_保定市_2006_gwr" in cat.report_ids(Filters(region="保定市", all_copies=True))
    assert (DATA / "baoding_hebei/hebei_保定市_2006_gwr.txt").exists()  # kept, never removed


def test_reports_stored_before_fingerprints_existed_are_compared_at_the_next_ingest(tmp_path):
    files = [DATA / "baoding_hebei/hebei_保定市_2006_gwr.txt", DATA / "baoding_hebei/hebei_保定市_2007_gwr.txt"]
    cat = Catalogue(tmp_path / "catalogue.sqlite", create=True)
    (first,) = ingest(files, cat).copies
    with cat.transaction():  # what a catalogue of an older semcomp holds
        cat.db.execute("DELETE FROM fingerprints")
        cat.db.execute("DELETE FROM copies")
    again = ingest(files, cat)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"] and len(again.copies) == 1
    assert ingest(files, cat).copies == []  # found once, warned once
    assert set(cat.second_copies()) == {first.copy}


def test_only_reports_that_could_be_one_text_are_candidates(tmp_path):
    """Fingerprints put by hand: a new report of 10 hashes, of which 7, 8 and 9 are held by more than 3 reports."""
    cat = Catalogue(tmp_path / "catalogue.sqlite", create=True)
    cat.db.execute("PRAGMA foreign_keys = OFF")  # reports named by the test alone
    with cat.transaction():
        for other, hashes in {"new": range(10), "near": range(9), "partial": [0, *range(500, 520)], "f1": [7, 8, 9],
                              "f2": [7, 8, 9], "f3": [8, 9]}.items():  # fmt: skip
            cat.put_fingerprint(other, hashes)
        size, sizes = cat.copy_candidates("new", 3, SECOND_COPY)
    # near: 7 distinctive + 3 formulas counted as shared, of its 9; partial: 1 + 3 of 10, too few; the f's hold formulas only
    assert size == 10 and sizes == {"near": 9}
    assert cat.overlaps("new", ["near", "partial", "f1"]) == {"near": 9, "partial": 1, "f1": 3}


def test_each_hash_counts_the_reports_that_hold_it_as_reports_come_and_go(tmp_path):
    cat = Catalogue(tmp_path / "catalogue.sqlite", create=True)
    ingest([DATA / "baoding_hebei/hebei_保定市_2006_gwr.txt", DATA / "baoding_hebei/hebei_保定市_2007_gwr.txt"], cat)

    def counts() -> tuple[dict, dict, dict, dict]:
        kept = dict(cat.db.execute("SELECT hash, reports FROM hash_counts WHERE reports > 0"))
        actual = dict(cat.db.execute("SELECT hash, count(*) FROM fingerprints GROUP BY hash"))
        sizes = dict(cat.db.execute("SELECT report_id, hashes FROM fingerprint_sizes WHERE hashes > 0"))
        return kept, actual, sizes, dict(cat.db.execute("SELECT report_id, count(*) FROM fingerprints GROUP BY report_id"))

    kept, actual, sizes, held = counts()
    assert kept == actual and max(actual.values()) == 2 and sizes == held and len(sizes) == 2
    cat.remove_report(cat.reports()[0].id)  # its fingerprints go by cascade; the counts follow
    kept, actual, sizes, held = counts()
    assert kept == actual and max(actual.values()) == 1 and sizes == held and len(sizes) == 1
