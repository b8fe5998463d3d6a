# The two commands: `make run` serves the lobby, `make test` runs every test.
# Both set up what they need first: the virtual environment and its packages,
# the front-end packages from npm, and (for tests) Debian's Chromium and Redis.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
REDIS_SERVER ?= /usr/bin/redis-server
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint lock setup system-packages clean bench

run: setup
	$(BIN)/python app.py

test: setup system-packages lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Static analysis (pyflakes, and bandit's rules on shipped code: pyproject.toml, [tool.ruff]).
lint: setup
	$(BIN)/ruff check .

# The exact versions a production build installs (README, "Dependencies").
lock: setup
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[lock]'
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file=requirements.lock pyproject.toml

# Speed figures (README, "Performance"): the lobby under gunicorn against a sandbox with
# 50 ms per Kore call. Options through BENCH_ARGS, e.g. BENCH_ARGS="--latency 100 --json".
bench: setup
	$(BIN)/python bench/benchmark.py $(BENCH_ARGS)

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

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
	rm -rf $(VENV) node_modules .pytest_cache
