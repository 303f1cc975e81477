"""The sorted string table that the query path's vocabularies load from (pieces of the tokenizer, jieba's words)."""

from __future__ import annotations

from pathlib import Path

from semcomp.text.string_table import StringTable


def test_entries_are_found_by_bisection_and_prefixes_end_the_search(tmp_path: Path) -> None:
    given = ["招商", "招商引资", "▁", "营商环境", "a", "招", "环境"]
    table, order = StringTable.of(given)
    assert [table[i] for i in range(len(table))] == sorted(given)
    assert [given[i] for i in order] == sorted(given)  # values kept beside entries follow the table's order
    table.save(tmp_path / "t.txt")
    again = StringTable.read(tmp_path / "t.txt")
    assert StringTable.present(tmp_path / "t.txt") and len(again) == len(given)
    for entry in given:
        i = again.find(entry)
        assert i is not None and again[i] == entry
    assert again.find("招商引") is None and again.continues("招商引", again.position("招商引"))  # a prefix of 招商引资
    assert again.find("引资") is None and not again.continues("引资", again.position("引资"))
    empty, _ = StringTable.of([])
    assert len(empty) == 0 and empty.find("x") is None
