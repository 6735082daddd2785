# The README's two commands: `make run` and `make test`. Everything installs itself on first use.
SHELL := /bin/bash
NODE_MODULES_STAMP := node_modules/.install-stamp
TESTS = $$(find dist/test -name '*.test.js' | sort)
ARGS ?=

.PHONY: all install build run daily test bench clean

all: build

# onnxruntime-node's install script downloads CUDA files, which fails offline: skip it (CPU needs nothing).
$(NODE_MODULES_STAMP): package.json package-lock.json
	ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
	@touch $@

install: $(NODE_MODULES_STAMP)

build: install
	npx tsc -p tsconfig.json

run: build
	node bin/ats.js daily --symbols AAPL,MSFT --trade

daily: build
	node bin/ats.js daily $(ARGS)

test: build
	node --test --test-concurrency=2 $(TESTS)

bench: build
	node dist/bench/run.js

clean:
	rm -rf dist
