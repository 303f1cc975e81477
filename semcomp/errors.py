"""The one base of every error a user is meant to read.

Each subsystem raises its own subclass, worded in the API's terms: an error about one argument names
it as the function does (``year``, ``sentences``) and says so in ``param``, so that the command line can
put its flag there instead (``--year``). The command line prints any of them as one line and exits
with 1.
"""

from __future__ import annotations


class SemcompError(Exception):
    """An error with a message meant for the user: bad input, a missing or damaged file, a busy index."""

    def __init__(self, message: str = "", param: str | None = None) -> None:
        super().__init__(message)
        self.param = param  # the argument the message is about, named as the API names it


class NotFound(SemcompError, LookupError):
    """Something asked for by name or id that is not there, or a name that fits several."""
