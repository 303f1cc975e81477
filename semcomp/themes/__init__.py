"""Themes: clusters of stored passage embeddings, labelled with class-based TF-IDF, and their trends.

The type the command line needs at start-up lives here, so that every command does not load scikit-learn.
"""

from typing import Literal

By = Literal["year", "region", "type"]  # what themes' shares are grouped by
CHART_SUFFIXES = (".png", ".html")  # a chart of shares: small multiples, or the page that travels alone
