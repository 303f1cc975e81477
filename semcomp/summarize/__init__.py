"""Extractive summaries: whole sentences of a section, in their original order.

The one type the command line needs at start-up lives here, so that ``semcomp --help`` does not
load the summariser's dependencies.
"""

from typing import Literal

Method = Literal["lexrank", "textrank", "lead"]
