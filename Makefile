# The two commands of the README: `make run` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
FUZZ_SECONDS ?= 600
DIFF_SEEDS ?= 2000
# clang 19: std::expected, which the libraries use, needs it (bookworm's default clang is 14).
FUZZ_CC   ?= clang-19
FUZZ_CXX  ?= clang++-19
FUZZ_RUN   = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048
CORPUS    ?= ../shared/corpus
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

PREFIX    ?= /usr/local

.PHONY: all deps test-deps build build-mlmon run test unit-test asan-test bench fuzz differential format format-check \
        tidy tidy-changed install deb deb-test clean

all: build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --with-test-tools

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Only the binary: the first result does not wait for the test suite to compile.
build-mlmon: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) --target mlmon -j $(JOBS)

# mlmon's main job on the config this repo ships.
run: build-mlmon
	./$(BUILD_DIR)/apps/mlmon check .

unit-test: test-deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)
	ctest --test-dir $(BUILD_DIR) --output-on-failure --timeout 600 -j $(JOBS)

# The same suite once more under AddressSanitizer + UndefinedBehaviorSanitizer.
asan-test: test-deps
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DMLMON_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_DIR) --output-on-failure --timeout 900 -j $(JOBS)

test: unit-test asan-test

bench: build
	bench/run

# mlmon test-rules against promtool 3.5 on DIFF_SEEDS random seeds (make test runs 300 fixed ones).
differential: test-deps build
	tests/ruletest/differential.py --mlmon $(BUILD_DIR)/apps/mlmon --random $(DIFF_SEEDS)

# Every parser under libFuzzer (clang, ASan+UBSan, the libraries instrumented too), one after the
# other, FUZZ_SECONDS each, each seeded from the corpus (and this repository's files); findings
# (crash-*, oom-*, timeout-*) land in the working directory, the grown corpora in fuzz-corpus*/.
# The properties each target checks are in the README (Fuzzing).
fuzz:
	@scripts/install-deps.sh --with-fuzz-tools
	CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLMON_FUZZ=ON
	cmake --build $(FUZZ_DIR) --target fuzz_promql_parser fuzz_promql_engine -j $(JOBS)
	cmake --build $(FUZZ_DIR) --target fuzz_yaml_fast_loader fuzz_alertmanager_config fuzz_alertmanager_matchers \
	  fuzz_gotemplate fuzz_dashboard fuzz_set_threshold -j $(JOBS)
	scripts/fuzz-seeds.py $(CORPUS)/promql/valid-expressions.jsonl fuzz-corpus
	$(FUZZ_DIR)/tests/promql/fuzz_promql_parser $(FUZZ_RUN) fuzz-corpus
	scripts/fuzz-seeds.py $(CORPUS)/promql/valid-expressions.jsonl fuzz-corpus-engine
	$(FUZZ_DIR)/tests/engine/fuzz_promql_engine $(FUZZ_RUN) fuzz-corpus-engine
	scripts/fuzz-seeds.py --files .yml,.yaml fuzz-corpus-yaml $(CORPUS) rules tests deploy
	$(FUZZ_DIR)/tests/yaml/fuzz_yaml_fast_loader $(FUZZ_RUN) -max_len=65536 fuzz-corpus-yaml
	scripts/fuzz-seeds.py --files .yml,.yaml,.tmpl fuzz-corpus-alertmanager $(CORPUS)/alertmanager \
	  tests/alertmanager rules
	$(FUZZ_DIR)/tests/alertmanager/fuzz_alertmanager_config $(FUZZ_RUN) -max_len=65536 fuzz-corpus-alertmanager
	scripts/fuzz-seeds.py --matchers fuzz-corpus-matchers $(CORPUS) rules tests
	$(FUZZ_DIR)/tests/alertmanager/fuzz_alertmanager_matchers $(FUZZ_RUN) fuzz-corpus-matchers
	scripts/fuzz-seeds.py --templates fuzz-corpus-gotemplate $(CORPUS) rules tests
	$(FUZZ_DIR)/tests/gotemplate/fuzz_gotemplate $(FUZZ_RUN) fuzz-corpus-gotemplate
	scripts/fuzz-seeds.py --files .json fuzz-corpus-dashboards $(CORPUS)/dashboards dashboards tests/dashboards
	$(FUZZ_DIR)/tests/dashboards/fuzz_dashboard $(FUZZ_RUN) -max_len=65536 fuzz-corpus-dashboards
	scripts/fuzz-seeds.py --rule-files fuzz-corpus-set-threshold $(CORPUS)/rules rules tests/thresholds \
	  tests/cli/fixtures
	$(FUZZ_DIR)/tests/thresholds/fuzz_set_threshold $(FUZZ_RUN) -max_len=65536 fuzz-corpus-set-threshold

# The code style: `format` rewrites every C++ file as .clang-format says, `format-check` lists the
# ones that differ (make test runs it). clang-format-19, pinned.
format:
	scripts/format.sh

format-check:
	scripts/format.sh --check

# The curated clang-tidy checks (.clang-tidy): `tidy` on every file of lib/ and apps/ (make test
# runs it), `tidy-changed` on those changed since origin/main, or since BASE.
tidy: $(BUILD_DIR)/CMakeCache.txt
	scripts/tidy.sh --all

tidy-changed: $(BUILD_DIR)/CMakeCache.txt
	scripts/tidy.sh $(BASE)

# The binary, man pages and completions under PREFIX (default /usr/local).
install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# A .deb of the binary, man pages and completions (dpkg-shlibdeps computes its dependencies).
deb: build
	@scripts/install-deps.sh --with-packaging-tools
	cd $(BUILD_DIR) && cpack -G DEB

# The .deb installed into a fresh Debian 12 root (debootstrap), where `mlmon --version` and
# `mlmon check` on the shipped config must work.
deb-test: deb
	scripts/deb-test.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
