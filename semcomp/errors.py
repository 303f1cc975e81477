"""The one base of every error a user is meant to read.

Each subsystem raises its own subclass, worded in the API's terms; the command line prints any of
them as one line and exits with 1, adding flag names where the API's words differ.
"""


class SemcompError(Exception):
    """An error with a message meant for the user: bad input, a missing or damaged file, a busy index."""
