# `make run` and `make test` do all set-up on a fresh machine, then run.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: install run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/newsgraph analyze examples/ --format pretty

test: install
	bash scripts/setup-system.sh
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/run.py $(BENCH)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
