# Assay — build, run and test. `make run` and `make test` work on a fresh machine: they install the
# system packages they need (libicu-dev, libxml2-dev, zlib1g-dev, pkg-config, python3-jsonschema) when missing.
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_FLAGS ?= -c release
# `make bench BENCH_SIZE=200MB BENCH_FLAGS="--curve --runs 5"`
# `make bench-serve SERVE_BENCH_FLAGS="--duration 5 --soak 20"` (shorter, for development)
BENCH_SIZE ?= 20MB
BENCH_FLAGS ?=
SERVE_BENCH_FLAGS ?=
# `make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=FuzzPattern`: libFuzzer, one target after another.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzDecoder FuzzStreamLine FuzzPattern
FUZZ_FLAGS = --scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DASSAY_FUZZ

# `make spark-example SPARK_SIZE=200MB`: the Spark job of examples/spark on the corpus replicated to that size.
SPARK_DIR ?= .build-spark
SPARK_SIZE ?= 50MB
PYSPARK_VERSION ?= 4.0.1
SPARK_PY = $(SPARK_DIR)/venv/bin/python

.PHONY: all deps build release run test rules-check format lint ci bench bench-serve fuzz clean spark-deps spark-example

all: build

deps:
	@pkg-config --exists icu-i18n libxml-2.0 zlib 2>/dev/null || { \
	  echo "installing libicu-dev libxml2-dev zlib1g-dev pkg-config"; \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev libxml2-dev zlib1g-dev pkg-config || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev libxml2-dev zlib1g-dev pkg-config); }
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema || \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jsonschema)
	@python3 -c 'import openapi_spec_validator' 2>/dev/null || python3 -m pip install -q openapi-spec-validator

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
	python3 Scripts/check_public_api.py $$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)
	ASSAY_BIN=$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/assay python3 -m unittest discover -s examples/spark -p 'test_*.py'
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

# `assay serve` under wrk on loopback: 1, 8 and 64 connections, then a 60 s flat-memory run.
bench-serve: release
	@command -v wrk >/dev/null || { echo "installing wrk"; \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk || sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk); }
	python3 Scripts/bench_serve.py --bin $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/assay $(SERVE_BENCH_FLAGS)

# Java for Spark, and a virtual environment with pyspark, pyarrow and jsonschema (from PyPI) under $(SPARK_DIR).
spark-deps:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing openjdk-17-jre-headless"; \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless); }
	@test -x $(SPARK_PY) || { \
	  python3 -m venv $(SPARK_DIR)/venv || { \
	    rm -rf $(SPARK_DIR)/venv; echo "python3 -m venv failed: installing python3-venv"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv $(SPARK_DIR)/venv; } || { \
	    rm -rf $(SPARK_DIR)/venv; python3 -m pip install -q virtualenv && python3 -m virtualenv $(SPARK_DIR)/venv; }; }
	@$(SPARK_PY) -c 'import pyspark, pyarrow, jsonschema; assert pyspark.__version__ == "$(PYSPARK_VERSION)"' 2>/dev/null || { \
	  echo "installing pyspark $(PYSPARK_VERSION), pyarrow, jsonschema into $(SPARK_DIR)/venv"; \
	  $(SPARK_PY) -m pip install -q "pyspark==$(PYSPARK_VERSION)" "pyarrow>=14" "jsonschema>=4.18"; }

# Runs examples/spark/extract_job.py in local[2] and local[1] on the corpus replicated to SPARK_SIZE and checks it.
spark-example: release spark-deps
	$(SPARK_PY) examples/spark/check_job.py --assay $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/assay \
	  --size $(SPARK_SIZE) --work $(SPARK_DIR)

# Each target runs from the repository root (it loads ./rules) over its seeds in Tests/Fuzz/<target>/;
# new inputs go to .build-fuzz/corpus/<target>/ (not committed), a crash to .build-fuzz/crashes/.
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
	  $(SWIFT) build $(FUZZ_FLAGS) --product $$t || exit 1; \
	done
	@mkdir -p .build-fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $$($(SWIFT) build $(FUZZ_FLAGS) --show-bin-path)/$$t .build-fuzz/corpus/$$t Tests/Fuzz/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=.build-fuzz/crashes/$$t- -print_final_stats=1 || exit 1; \
	done

clean:
	rm -rf .build .build-fuzz out $(SPARK_DIR)
