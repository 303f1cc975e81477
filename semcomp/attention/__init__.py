"""Policy attention: the share of each report given to a concept, per report and as a region × year panel."""

from semcomp.attention.dictionary import Concept, DictionaryError, example_dictionary, read_dictionary
from semcomp.attention.measure import AttentionError, Match, PanelRow, ReportAttention, attention_panel, measure_attention, theme_attention

__all__ = [
    "AttentionError",
    "Concept",
    "DictionaryError",
    "Match",
    "PanelRow",
    "ReportAttention",
    "attention_panel",
    "example_dictionary",
    "measure_attention",
    "read_dictionary",
    "theme_attention",
]
