# Co-Learning Board — `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
export BOARD_INSTANCE_DIR ?= $(CURDIR)/instance

.PHONY: run test install lock frontend browser pdf-libs serve migrate seed clean bench bench-profile screenshots fuzz

run: install pdf-libs frontend migrate seed  ## install, build, migrate, seed the demo and serve on :5000
	$(BIN)/board serve --host $(HOST) --port $(PORT)

serve: install pdf-libs frontend migrate  ## like run, without the demo: start your own engagement (README)
	$(BIN)/board serve --host $(HOST) --port $(PORT)

test: install frontend browser  ## install what tests need, lint the code, type-check the web app, run the whole suite
	$(BIN)/ruff check board tests bench
	@if [ -f frontend/package.json ]; then cd frontend && npm run --silent lint && npm run --silent typecheck; fi
	$(BIN)/python -m pytest -n 2 --dist loadfile

fuzz: install  ## schemathesis on every OpenAPI operation against a served demo, signed in (FUZZ_SECONDS=180): fails on any 5xx
	$(BIN)/python -m tests.fuzz

screenshots: install frontend browser  ## refresh docs/screenshots from the browser tests (make test leaves them be)
	BOARD_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -n 2 --dist loadfile tests/browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

install: $(VENV)/.installed

LOCK_VENV := .lock-venv
lock:  ## refresh requirements.lock: the newest releases pyproject.toml allows, resolved in a fresh venv
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e ".[test]" -r bench/requirements.txt
	{ sed -n '/^#/p' requirements.lock; $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	rm -rf $(LOCK_VENV)

frontend:  ## build the web app into board/static when there is one
	@if [ -f frontend/package.json ]; then \
		cd frontend && npm ci --no-audit --no-fund && npm run build; \
	fi

# Debian packages, installed only as root with apt-get (else the tests that need them skip, and the PDF answers 503)
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
apt_install = missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

browser:  ## Debian's Chromium for the browser tests, and Pango for the PDF report
	@$(call apt_install,chromium $(PDF_PACKAGES))

pdf-libs:  ## Pango, which WeasyPrint needs for the PDF report
	@$(call apt_install,$(PDF_PACKAGES))

migrate: install
	$(BIN)/board db upgrade

seed: install
	$(BIN)/board seed demo

$(VENV)/.bench-installed: bench/requirements.txt requirements.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c requirements.lock -r bench/requirements.txt
	touch $@

bench: install $(VENV)/.bench-installed  ## benchmarks, not tests (~15 min; QUICK=1 ~2.5 min): bench/results/latest.md + .json
	$(BIN)/python -m bench.run $(if $(filter-out 0,$(QUICK)),--quick,)

bench-profile: install $(VENV)/.bench-installed  ## py-spy profile of board serve under load (ARGS="--rest 4" for REST)
	$(BIN)/python -m bench.profile $(ARGS)

clean:
	rm -rf $(VENV) $(LOCK_VENV) instance board/static frontend/node_modules bench/node/node_modules
