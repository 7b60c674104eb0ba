# Two entry points, both from nothing but Python 3.11 and make:
#   make demo  - set up, then run the green-exit experiment end to end
#   make test  - set up, then ruff (lint and format), the import contracts, mypy --strict,
#                the whole pytest suite and the documentation site (notebooks executed)
# and one for the site alone:
#   make docs  - set up, then build the site into build/docs (warnings are errors)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test docs setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/mesa-types demo --out runs/demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest
	$(MAKE) docs

docs: $(STAMP)
	$(BIN)/sphinx-build -q -E -W --keep-going -b html docs build/docs

clean:
	rm -rf $(VENV) runs build .mypy_cache .pytest_cache .ruff_cache
