# The two commands: `make run` serves the lobby, `make test` runs every test.
# Both set up what they need first: the virtual environment and its packages,
# the front-end packages from npm, and (for tests) Debian's Chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup chromium clean

run: setup
	$(BIN)/python app.py

test: setup chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@test -x $(CHROMIUM) || { \
		echo "Installing Chromium from Debian's packages"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

clean:
	rm -rf $(VENV) node_modules .pytest_cache
