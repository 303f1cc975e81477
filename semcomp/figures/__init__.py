"""Key figures: the indicator dictionary, the reader, a report's figures and series across reports.

The one type the command line needs at start-up lives here, so that ``semcomp --help`` does not
compile the reader's patterns.
"""

from typing import Literal

SeriesMeasure = Literal["level", "growth"]  # what a chart of a series shows
