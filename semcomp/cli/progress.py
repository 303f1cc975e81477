"""Progress bars on stderr for long work: one bar per stage, each created when its stage first reports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from semcomp.cli.common import err


class Bars:
    """Stages by name: ``advance`` moves a stage's bar by a number done, ``reach`` sets how many are done."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def _task(self, stage: str, total: int | None) -> TaskID:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        return self.tasks[stage]

    def advance(self, stage: str, done: int, total: int | None = None, description: str | None = None) -> None:
        """``description`` (default: the stage's name) may say what is being done now."""
        self.progress.update(self._task(stage, total), advance=done, total=total, description=description)

    def reach(self, stage: str, done: int, total: int) -> None:
        self.progress.update(self._task(stage, total), completed=done, total=total)


@contextmanager
def bars(time_left: bool = False) -> Iterator[Bars]:
    """Bars that vanish when the work is done; ``time_left`` adds an estimate of the time remaining."""
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), *([TimeRemainingColumn()] if time_left else [])]
    with Progress(*columns, console=err, transient=True) as progress:
        yield Bars(progress)
