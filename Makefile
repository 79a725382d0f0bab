# Assay — build, run and test. `make run` and `make test` work on a fresh machine: they install the
# system packages they need (libicu-dev, libxml2-dev, zlib1g-dev, pkg-config, python3-jsonschema) when missing.
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_FLAGS ?= -c release
# `make bench BENCH_SIZE=200MB BENCH_FLAGS="--curve --runs 5"`
BENCH_SIZE ?= 20MB
BENCH_FLAGS ?=

.PHONY: all deps build release run test rules-check format lint ci bench clean

all: build

deps:
	@pkg-config --exists icu-i18n libxml-2.0 zlib 2>/dev/null || { \
	  echo "installing libicu-dev libxml2-dev zlib1g-dev pkg-config"; \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev libxml2-dev zlib1g-dev pkg-config || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev libxml2-dev zlib1g-dev pkg-config); }
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema || \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jsonschema)

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

run: release
	@mkdir -p out
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/assay run corpus --out out/records.jsonl

test: deps
	python3 Scripts/check_layers.py
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS)

# Loads the rules and runs every rule example (exit 2 on rule-file errors, 1 when an example fails).
rules-check: build
	$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/assay rules check rules

# What CI runs (`.ci/run`): lint first (fast), then the tests, then the rule check on the built binary.
ci: lint test rules-check

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

# `.swift-format` holds the style; --strict turns every finding into an error, so findings fail the target.
lint:
	python3 Scripts/check_layers.py
	$(SWIFT) format lint --strict --parallel --recursive Sources Tests Package.swift

bench: release
	python3 Scripts/bench.py --bin $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/assay --size $(BENCH_SIZE) $(BENCH_FLAGS)

clean:
	rm -rf .build out
