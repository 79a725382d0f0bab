# Assay — build, run and test. `make run` and `make test` work on a fresh machine: they install the
# system packages they need (libicu-dev, libxml2-dev, zlib1g-dev, pkg-config, python3-jsonschema) when missing.
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_FLAGS ?= -c release
# `make bench BENCH_SIZE=200MB BENCH_FLAGS="--curve --runs 5"`
BENCH_SIZE ?= 20MB
BENCH_FLAGS ?=
# `make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=FuzzPattern`: libFuzzer, one target after another.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzDecoder FuzzStreamLine FuzzPattern
FUZZ_FLAGS = --scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DASSAY_FUZZ

.PHONY: all deps build release run test rules-check format lint bench fuzz clean

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

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	python3 Scripts/check_layers.py
	$(SWIFT) format lint --recursive Sources Tests Package.swift

bench: release
	python3 Scripts/bench.py --bin $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/assay --size $(BENCH_SIZE) $(BENCH_FLAGS)

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
	rm -rf .build .build-fuzz out
