# `make run` and `make test` do all set-up on a fresh machine, then run.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: install run test bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(VENV)/bin/newsgraph gazetteer  # the places index, built once into the cache directory
	touch $(STAMP)

install: $(STAMP)

# Show the example records, ingest them into a local store, then serve it at http://127.0.0.1:8000 (Ctrl-C stops).
run: install
	$(VENV)/bin/newsgraph analyze examples/ --format pretty
	$(VENV)/bin/newsgraph ingest examples/ --db sqlite:///newsgraph.db
	$(VENV)/bin/newsgraph serve --db sqlite:///newsgraph.db

test: install
	bash scripts/setup-system.sh
	$(PY) -m pytest -q

# Rebuild the shipped models from the training splits (deterministic: the same files again).
train: install
	$(VENV)/bin/newsgraph train speakers ../shared/data/polnear/train --dev ../shared/data/polnear/dev
	$(VENV)/bin/newsgraph train places ../shared/data/geoparsing/TR-News.xml
	$(VENV)/bin/newsgraph train dates ../shared/data/timeml/TimeBank

bench: install
	$(PY) benchmarks/run.py $(BENCH)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
