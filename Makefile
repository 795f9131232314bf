# `make demo` and `make test` work on a fresh clone: the venv is created on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rasd demo

test: $(STAMP)
	$(BIN)/python -m pytest -q --durations=5

bench: $(STAMP)
	$(BIN)/python bench/text_layer.py

clean:
	rm -rf $(VENV) build *.egg-info
