"""Comparing two reports: passages aligned by meaning, and the key figures side by side."""
