"""Output stage: charts (terminal and JSON output live with each command)."""
