"""Progress on stderr for long work, one stage at a time, each shown when it first reports: bars on a terminal;
elsewhere (a log file, a notebook, nohup, a scheduler) a line every few seconds with how many are done of
how many, the rate and the time left, as pip and Ray print them; nothing with ``--quiet``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from semcomp.cli.common import err

EVERY_S = 5.0  # seconds between two lines of one stage off a terminal


class Bars:
    """Stages by name: ``advance`` moves a stage by a number done, ``reach`` sets how many are done. This one
    shows nothing (``--quiet``); the others draw bars or write lines."""

    def advance(self, stage: str, done: int, total: int | None = None, description: str | None = None) -> None:
        """``description`` (default: the stage's name) may say what is being done now."""

    def reach(self, stage: str, done: int, total: int) -> None:
        pass


class TerminalBars(Bars):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def _task(self, stage: str, total: int | None) -> TaskID:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        return self.tasks[stage]

    def advance(self, stage: str, done: int, total: int | None = None, description: str | None = None) -> None:
        self.progress.update(self._task(stage, total), advance=done, total=total, description=description)

    def reach(self, stage: str, done: int, total: int) -> None:
        self.progress.update(self._task(stage, total), completed=done, total=total)


@dataclass
class _Stage:
    started: float
    done: int = 0
    total: int | None = None
    said: float | None = None  # when its last line was written
    finished: bool = False
    base: int | None = None  # the count of its first report (passages found in a cache): not part of its rate


class LogLines(Bars):
    """A line per stage every ``EVERY_S`` seconds while it runs, and one when it is done if it ran that long:
    work of a few seconds says nothing."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:  # a clock of one's own: tests need no sleeping
        self.clock = clock
        self.stages: dict[str, _Stage] = {}

    def advance(self, stage: str, done: int, total: int | None = None, description: str | None = None) -> None:
        s = self._stage(stage)
        self._update(stage, s, s.done + done, total)

    def reach(self, stage: str, done: int, total: int) -> None:
        self._update(stage, self._stage(stage), done, total)

    def _stage(self, stage: str) -> _Stage:
        if stage not in self.stages:
            self.stages[stage] = _Stage(self.clock())
        return self.stages[stage]

    def _update(self, name: str, s: _Stage, done: int, total: int | None) -> None:
        s.done, s.total = done, total if total is not None else s.total
        s.base = done if s.base is None else s.base
        now = self.clock()
        if s.finished:
            return
        s.finished = s.total is not None and s.done >= s.total
        if now - (s.said if s.said is not None else s.started) >= EVERY_S or (s.finished and s.said is not None):
            s.said = now
            err.print(progress_line(name, s.done, s.total, now - s.started, s.base or 0))


def progress_line(stage: str, done: int, total: int | None, seconds: float, base: int = 0) -> str:
    """``index paragraph: 1,024/20,901 (4.9%), 35.2/s, 9 min 24 s left``: the rate counts what was done in
    ``seconds``, beyond the ``base`` the stage started from."""
    of = f"/{total:,} ({done / total:.0%})" if total else ""
    rate = (done - base) / seconds if seconds > 0 else 0.0
    left = f", {_duration((total - done) / rate)} left" if total and rate > 0 and done < total else ""
    end = ", done" if total and done >= total else ""
    return f"{stage}: {done:,}{of}, {rate:,.1f}/s{left}{end} ({_duration(seconds)})"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


@contextmanager
def bars(time_left: bool = False, quiet: bool = False) -> Iterator[Bars]:
    """Progress for a block of work: bars that vanish when it is done on a terminal (``time_left`` adds an
    estimate of the time remaining), lines off a terminal, nothing when ``quiet``."""
    if quiet:
        yield Bars()
    elif not err.is_terminal:
        yield LogLines()
    else:
        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), *([TimeRemainingColumn()] if time_left else [])]
        with Progress(*columns, console=err, transient=True) as progress:
            yield TerminalBars(progress)
