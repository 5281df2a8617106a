# Two commands set everything up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test check bench system-deps clean

build: $(STAMP)
	$(BIN)/coursebuild build course -o output

test: $(STAMP)
	$(BIN)/pytest -q

check: $(STAMP)
	$(BIN)/coursebuild check course

# Not part of `make test`: about half an hour; BENCH_QUICK=1 for a two-minute try (docs/benchmark.md).
bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml tools/system-deps.sh
	@sh tools/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

system-deps:
	@sh tools/system-deps.sh

clean:
	rm -rf output $(VENV) *.egg-info
