# Two commands: `make demo` (set up, index the bundled seed reports, search them) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the project's models/ holds the model its demo and tests prepare (elsewhere: the user's cache folder)
export SEMCOMP_MODELS ?= $(CURDIR)/models

.PHONY: setup browser demo test bench clean

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

# The site tests open pages in Debian's headless Chromium; installed here where the user may, else those tests say why they skip.
browser:
	@command -v chromium-headless-shell >/dev/null || command -v chromium >/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	    { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium-headless-shell >/dev/null; } || \
	    echo "could not install chromium-headless-shell: the browser tests will be skipped"; }

test: setup browser
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check semcomp tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_metadata.py
	$(BIN)/semcomp index data/reports --index corpus --level paragraph
	$(BIN)/python benchmarks/bench_encode.py
	$(BIN)/python benchmarks/bench_precision.py
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_quality.py
	$(BIN)/python benchmarks/bench_reuse.py
	$(BIN)/python benchmarks/bench_themes.py
	$(BIN)/semcomp index data/reports/seeds --index seeds
	$(BIN)/python benchmarks/bench_summarize.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_pairing.py
	$(BIN)/python benchmarks/bench_figures.py
	$(BIN)/python benchmarks/bench_research.py
	$(BIN)/python benchmarks/drill.py

clean:
	rm -rf $(VENV) indexes/default indexes/seeds
