"""Search stage: lexical terms, score fusion and the ``similar`` query.

The type the command line needs at start-up lives here, so that ``semcomp --help`` does not load faiss.
"""

from typing import Literal

Mode = Literal["hybrid", "dense", "lexical"]
