# The two set-up commands are `make publish` and `make test`; both create what is
# missing first (the virtual environment from requirements.lock, Debian packages).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: publish check nu-service test test-fast lint serve lock publish-deps system-deps benchmark screens clean

# exec: the shell steps aside, and the publication stops when make is stopped
# (PUBLICATION_STOP_WITH_PARENT), so a killed `make publish` never swaps dist/ later.
publish: $(STAMP) publish-deps  ## build, verify, then write dist/
	PUBLICATION_STOP_WITH_PARENT=1 exec $(BIN)/python scripts/publish.py publish $(PUBLISH_FLAGS)

check: $(STAMP)  ## build and verify without writing dist/
	$(BIN)/python scripts/publish.py check

nu-service: $(STAMP) system-deps  ## keep the W3C Nu checker running for a session of checks (Ctrl-C stops it)
	$(BIN)/python scripts/publish.py nu-service

test: $(STAMP) system-deps node_modules/.installed lint  ## lint, then run every test
	$(BIN)/python -m pytest -n auto --dist loadfile

# The inner loop: every test that needs no browser and no publication (tests/conftest.py
# marks those by the fixtures they use).
test-fast: $(STAMP)  ## the tests that need no browser and no publication (about a minute)
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not slow and not browser"

lint: $(STAMP)  ## ruff: lint and formatting (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# MkDocs through publication/outputs/mkdocs_run.py (mkdocs.yml and the front matter read
# safely, within the policy's limits), started again when the code changes (scripts/serve.py).
serve: $(STAMP)  ## live preview on http://127.0.0.1:8000/ (a change to the code starts it again)
	$(BIN)/python scripts/serve.py --dev-addr 127.0.0.1:8000

benchmark: $(STAMP) system-deps benchmarks/node_modules/.installed  ## print the speed and size figures
	$(BIN)/python scripts/benchmark.py

# A reader's pass: every page at 320, 390 and 1280 px in both languages and both colour
# schemes, every PDF page and every EPUB chapter, as images on one page to look at
# (from dist/ when there is one, else from a publication into a temporary folder).
screens: $(STAMP) system-deps  ## screenshots of the whole edition into build/screens/
	$(BIN)/python scripts/screens.py

publish-deps:
	@scripts/system-deps.sh publish

system-deps:
	@scripts/system-deps.sh test

# The virtual environment, exactly as locked (hashes checked), and the project's own
# package (editable, no dependencies) so that MkDocs finds its plugin by entry point.
$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 or python3 on PATH)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "Python 3.11 is needed, found $$($(PYTHON) --version)" >&2; exit 1; }
	@echo "Creating the virtual environment in $(VENV) from requirements.lock"
	@rm -rf $(VENV)
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

# axe-core for the accessibility tests, exactly as package-lock.json says.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed (Debian: apt-get install npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Lighthouse for the benchmark only.
benchmarks/node_modules/.installed: benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Re-make the lock from requirements.in (needs pip-tools; not part of set-up).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras -o requirements.lock requirements.in

clean:
	rm -rf site build .cache node_modules benchmarks/node_modules
