# Two commands: `make demo` (set up, ingest the bundled reports, show them) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench clean

# torch goes in first, pinned to the local CPU build, so nothing later pulls a CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/semcomp ingest data/reports
	$(BIN)/semcomp reports
	$(BIN)/semcomp show 000_783dc1874403daa0 --outline

test: setup
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check semcomp tests benchmarks

bench: setup
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf $(VENV) indexes/default
