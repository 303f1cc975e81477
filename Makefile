# Two commands: `make demo` (set up, index the bundled seed reports, search them) and `make test`.
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
	$(BIN)/semcomp index data/reports/seeds --index seeds
	$(BIN)/semcomp reports --index seeds
	$(BIN)/semcomp similar "招商引资" --index seeds -k 8

test: setup
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check semcomp tests benchmarks

bench: setup
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/semcomp index data/reports --index corpus --level paragraph
	$(BIN)/python benchmarks/bench_encode.py
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_quality.py
	$(BIN)/python benchmarks/bench_reuse.py
	$(BIN)/python benchmarks/bench_themes.py
	$(BIN)/semcomp index data/reports/seeds --index seeds
	$(BIN)/python benchmarks/bench_summarize.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_pairing.py
	$(BIN)/python benchmarks/bench_figures.py
	$(BIN)/python benchmarks/drill.py

clean:
	rm -rf $(VENV) indexes/default indexes/seeds
