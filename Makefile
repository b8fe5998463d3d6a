# The commands: `make run` serves the lobby, `make check` is the fast loop (under a minute),
# `make test` runs every test. They set up what they need first: the virtual environment and
# its packages (requirements.lock), the front-end packages from npm, and (for tests) Debian's
# Chromium and Redis.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
REDIS_SERVER ?= /usr/bin/redis-server
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

#: pytest-xdist's workers for `make check` and `make test` (auto: one per core).
JOBS ?= auto
#: The repository's own distributions, installed editable over requirements.lock's pins.
LOCAL_DISTS := . ./sandbox $(if $(wildcard testing/pyproject.toml),./testing)

.PHONY: run check test fuzz lint lock screenshots setup assets dist system-packages clean bench extract update-catalogs compile-catalogs

run: setup
	$(BIN)/python app.py

# The fast loop: lint, types, and the Kore client's and the sandboxes' own tests, in parallel.
check: lint
	$(BIN)/python -m pytest -q -n $(JOBS) tests/kore tests/sandbox $(PYTEST_ARGS)

# Every test: the suite in parallel, then the tests that start and time whole servers
# (marked serial) on their own.
test: setup system-packages lint
	$(BIN)/python -m pytest -n $(JOBS) -m "not serial" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m serial $(PYTEST_ARGS)

# The long fuzz: FUZZ_ARGS (default 100,000 random requests over every route, multipart,
# urlencoded and JSON bodies, forged headers) against a lobby on loopback as `make run`
# serves it; fails on any 500 or traceback (scripts/fuzz.py). The test suite's own fuzz stays small.
FUZZ_ARGS ?= --requests 100000 --threads 12
fuzz: setup
	$(BIN)/python scripts/fuzz.py $(FUZZ_ARGS)

# Static analysis (pyflakes, and bandit's rules on shipped code: pyproject.toml, [tool.ruff]).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# PNGs of every page at 360x740 and 1280x800 for review (scripts/screenshots.py; ARGS="--dark").
screenshots: setup system-packages
	$(BIN)/python scripts/screenshots.py $(ARGS)

# The exact versions development, CI and a production build install (README, "Dependencies"):
# every dependency of the local distributions with the test extra (scripts/lock_inputs.py),
# the distributions themselves left out (installed from their folders).
lock: setup
	$(BIN)/pip install --quiet --disable-pip-version-check 'pip-tools>=7.4'
	$(BIN)/python scripts/lock_inputs.py > $(VENV)/lock.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file=requirements.lock $(VENV)/lock.in

# Speed figures (README, "Performance"): the pages under gunicorn against a sandbox with
# 50 ms per Kore call (BENCH_ARGS, e.g. "--latency 100 --server gthread"), then 5,000 live
# pages on one lobby process: memory, idle CPU, event latency (LIVE_BENCH_ARGS, e.g. "--pages 200").
bench: setup
	$(BIN)/python bench/benchmark.py $(BENCH_ARGS)
	$(BIN)/python bench/live.py $(LIVE_BENCH_ARGS)

setup: $(VENV)/.installed node_modules/.installed assets

# The front-end packages copied into lobby/vendor/ and the catalogs compiled: what the
# wheel's build hook puts in the package (scripts/assets.py).
assets: $(VENV)/.installed node_modules/.installed
	$(BIN)/python scripts/assets.py

# The wheels an operator installs (dist/): kore-lobby, kore-sandbox for the sandbox extra, and
# kore-lobby-testing for the testing extra (docs/testing.md).
dist: node_modules/.installed $(VENV)/.installed
	$(BIN)/python -m build --outdir dist .
	$(BIN)/python -m build --outdir dist sandbox
	$(BIN)/python -m build --outdir dist testing

# The pinned packages (requirements.lock, with the test tools), then the lobby and the
# sandboxes' distribution (sandbox/) editable over them, without resolving again.
$(VENV)/.installed: pyproject.toml sandbox/pyproject.toml testing/pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps $(foreach dist,$(LOCAL_DISTS),-e $(dist))
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Languages (README, "Languages"): one catalog per Kore locale under translations/.
# `make extract` collects every marked string of lobby/ and templates/ into messages.pot,
# `make update-catalogs` brings each locale's messages.po up to it (new strings empty,
# changed ones fuzzy), `make compile-catalogs` builds the .mo files the lobby reads
# (part of setup; the .mo files are not committed).
LOCALES := en_US en_ZA fr_FR de_DE it_IT es_ES el_GR da_DK sv_SE nb_NO
PYBABEL := $(BIN)/pybabel
#: Locales WTForms ships no catalog for: their wtforms.po is ours.
WTFORMS_GAPS := da_DK

extract: $(VENV)/.installed
	$(PYBABEL) -q extract -F babel.cfg -k _l -k lazy_gettext --add-location=file --sort-output \
		--project="Kore Lobby" --copyright-holder="Kore Lobby" --msgid-bugs-address="" -o messages.pot .

update-catalogs: extract
	@for l in $(LOCALES); do \
		po=lobby/translations/$$l/LC_MESSAGES/messages.po; \
		if [ -f $$po ]; then $(PYBABEL) -q update --no-fuzzy-matching --ignore-obsolete -i messages.pot -d lobby/translations -l $$l; \
		else $(PYBABEL) -q init -i messages.pot -d lobby/translations -l $$l; fi; \
	done
	@$(BIN)/python scripts/fill_english_catalogs.py
	@# WTForms' own messages, for the locales WTForms has no catalog of (lobby/core/i18n.py).
	@pot=$$($(BIN)/python -c 'from wtforms.i18n import messages_path; print(messages_path())')/wtforms.pot; \
	for l in $(WTFORMS_GAPS); do \
		if [ -f lobby/translations/$$l/LC_MESSAGES/wtforms.po ]; then $(PYBABEL) -q update -D wtforms -i $$pot -d lobby/translations -l $$l; \
		else $(PYBABEL) -q init -D wtforms -i $$pot -d lobby/translations -l $$l; fi; \
	done

compile-catalogs: assets

# Browser tests drive Debian's Chromium; the multi-process tests start a Redis server.
system-packages:
	@missing=""; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	test -x $(REDIS_SERVER) || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian's packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(VENV) node_modules .pytest_cache dist sandbox/dist lobby/vendor
