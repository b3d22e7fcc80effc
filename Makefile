# The two Quick start commands: `make run` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint types clean

run: $(VENV)/.run-installed
	$(BIN)/circle demo

test: $(VENV)/.test-installed
	$(BIN)/ruff check circle tests benchmarks
	$(BIN)/ruff format --check circle tests benchmarks
	$(BIN)/mypy circle
	$(BIN)/python -m pytest

$(VENV)/.created:
	$(PYTHON) -c 'import sys; sys.exit("circle needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.run-installed: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.run-installed

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
