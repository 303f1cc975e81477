"""Reuse analysis: copied phrasing between reports, boilerplate, and the report × report matrix."""
