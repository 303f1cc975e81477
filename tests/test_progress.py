"""Progress off a terminal: a line every few seconds with done/total, rate and time left; nothing for short
work or with --quiet. (A new user indexing from a script saw nothing for many minutes.)"""

from __future__ import annotations

import io

import pytest

from semcomp.cli import common
from semcomp.cli.progress import EVERY_S, LogLines, bars, progress_line
from semcomp.output.terminal import PlainConsole


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    stream = io.StringIO()
    monkeypatch.setattr(common, "err", PlainConsole(file=stream, width=200))
    monkeypatch.setattr("semcomp.cli.progress.err", common.err)
    return stream


def test_a_line_every_few_seconds_with_rate_and_time_left(captured: io.StringIO) -> None:
    now = [0.0]
    lines = LogLines(clock=lambda: now[0])
    lines.advance("index paragraph", 0, 100)  # the stage starts (as index says how many come from the cache)
    for _ in range(100):  # 100 passages, one every 0.25 s: 25 s in all
        now[0] += 0.25
        lines.advance("index paragraph", 1, 100)
    said = captured.getvalue().splitlines()
    assert len(said) == 25 / EVERY_S  # one per 5 s; the last says done
    assert said[0] == "index paragraph: 20/100 (20%), 4.0/s, 20 s left (5 s)"
    assert said[-1] == "index paragraph: 100/100 (100%), 4.0/s, done (25 s)"


def test_what_a_cache_held_counts_as_done_but_not_in_the_rate(captured: io.StringIO) -> None:
    now = [0.0]
    lines = LogLines(clock=lambda: now[0])
    lines.advance("index sentence", 50, 100)  # 50 found in the embedding cache
    now[0] = 5.0
    lines.advance("index sentence", 10, 100)
    assert captured.getvalue().splitlines() == ["index sentence: 60/100 (60%), 2.0/s, 20 s left (5 s)"]


def test_short_work_says_nothing_and_reach_sets_the_count(captured: io.StringIO) -> None:
    now = [0.0]
    lines = LogLines(clock=lambda: now[0])
    lines.reach("reports", 3, 3)
    assert captured.getvalue() == ""
    now[0] = 7.0
    lines.reach("compare", 2, 10)
    assert captured.getvalue() == ""  # a stage's clock starts when it first reports
    now[0] = 13.0
    lines.reach("compare", 6, 10)
    assert captured.getvalue().splitlines() == ["compare: 6/10 (60%), 0.7/s, 6 s left (6 s)"]  # 4 more in 6 s


def test_off_a_terminal_lines_and_quiet_nothing(captured: io.StringIO) -> None:
    with bars() as shown:
        assert isinstance(shown, LogLines)  # the captured console is no terminal
    with bars(quiet=True) as silent:
        silent.advance("ingest", 1, 1)
    assert captured.getvalue() == ""
    assert progress_line("ingest", 5, None, 2.0) == "ingest: 5, 2.5/s (2 s)"
    assert progress_line("encode", 30, 7200, 60.0).endswith("0.5/s, 3 h 59 min left (1 min 0 s)")
