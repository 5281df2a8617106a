# Two commands set everything up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AXE := tests/a11y/node_modules/.package-lock.json
ACE := tests/ace/node_modules/.package-lock.json

.PHONY: build test check bench fuzz system-deps clean

build: $(STAMP)
	$(BIN)/coursebuild build course -o output

test: $(STAMP) $(AXE) $(ACE)
	$(BIN)/pytest -q

check: $(STAMP)
	$(BIN)/coursebuild check course

# Not part of `make test`: the property tests with ten times as many examples, new ones on every run.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore $(BIN)/pytest -q tests/test_property_based.py tests/test_authoring_slips.py \
		tests/test_course_reader.py tests/test_plain_paragraph.py tests/test_imposition.py

# Not part of `make test`: about 10 minutes; BENCH_QUICK=1 for a few-minute try (docs/benchmark.md).
bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml tools/system-deps.sh
	@sh tools/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# axe-core and its browser driver for the accessibility tests; without npm those tests are skipped.
$(AXE): tests/a11y/package-lock.json | $(STAMP)
	@if ! command -v npm >/dev/null; then echo "npm is missing: the axe-core accessibility tests will be skipped." >&2; \
	elif ! (cd tests/a11y && npm ci --silent --no-audit --no-fund); then echo "npm ci failed in tests/a11y: the axe-core tests will be skipped." >&2; fi

# Ace by DAISY for the EPUB test, run against Debian's Chromium: no Electron or browser download.
$(ACE): tests/ace/package-lock.json | $(STAMP)
	@if ! command -v npm >/dev/null; then echo "npm is missing: the Ace test will be skipped." >&2; \
	elif ! (cd tests/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --ignore-scripts --no-audit --no-fund); then \
	echo "npm ci failed in tests/ace: the Ace test will be skipped." >&2; fi

system-deps:
	@sh tools/system-deps.sh

clean:
	rm -rf output $(VENV) *.egg-info
