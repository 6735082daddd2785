# The README's two commands: `make run` and `make test`. Everything installs itself on first use.
SHELL := /bin/bash
NODE_MODULES_STAMP := node_modules/.install-stamp
TESTS = $$(find dist/test -name '*.test.js' | sort)
ARGS ?=
SYMBOLS ?= AAPL,AMZN,GOOGL,META,MSFT,NVDA,TSLA
ATS := node bin/ats.js

.PHONY: all install build run daily train tune backtest test bench bench-deps lint format clean

all: build

# onnxruntime-node's install script only downloads CUDA files (the CPU binaries ship in the package) and fails
# offline: package.json's allowScripts denies it, and the variable skips it on an npm that ignores allowScripts.
$(NODE_MODULES_STAMP): package.json package-lock.json
	ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
	@touch $@

install: $(NODE_MODULES_STAMP)

build: install
	npx tsc -p tsconfig.json

# The main job: the whole daily chain with paper orders (on the bundled sample without POLYGON_API_KEY).
# --threshold 0.5 trades every pick the model rates more likely up than down, so a first run shows orders.
run: build
	$(ATS) daily --symbols AAPL,MSFT --trade

daily: build
	$(ATS) daily $(ARGS)

train: build
	$(ATS) collect --symbols $(SYMBOLS) --days 2520 --quiet
	$(ATS) train --symbols $(SYMBOLS) $(ARGS)

tune: build
	$(ATS) collect --symbols $(SYMBOLS) --days 2520 --quiet
	$(ATS) tune --symbols $(SYMBOLS) $(ARGS)

backtest: build
	$(ATS) collect --symbols $(SYMBOLS) --days 2520 --quiet
	$(ATS) backtest --symbols $(SYMBOLS) --strategy sma_cross --fast 10 --slow 20 $(ARGS)

test: build
	node --test --test-concurrency=2 $(TESTS)

# XGBoost (Debian's python3-xgboost) is the training benchmark's baseline; installed when missing and possible.
bench-deps:
	@/usr/bin/python3 -c 'import xgboost' 2>/dev/null || python3 -c 'import xgboost' 2>/dev/null || \
	  { if [ "$$(id -u)" = "0" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-xgboost; \
	    elif command -v sudo >/dev/null; then sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-xgboost; \
	    else echo "python3-xgboost is not installed and cannot be installed here: the training baseline will be skipped"; fi; }

bench: build bench-deps
	node dist/bench/run.js $(ARGS)

# Formatting (prettier), type-aware lint (typescript-eslint), layering and cycles (dependency-cruiser),
# unused files, exports and dependencies (knip).
lint: install
	npm run --silent lint

format: install
	npm run --silent format

clean:
	rm -rf dist
