"""Extractive summaries: whole sentences of a section, in their original order."""
