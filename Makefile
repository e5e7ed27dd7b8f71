# The two commands of the README: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test test-asan fuzz bench install clean format

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@bash scripts/run-tour.sh $(BUILD)/app/lemma

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The engine's suites and fuzz-corpus replays under AddressSanitizer and UBSan (LeakSanitizer
# included), in a build of their own. -O1 with line tables only (-g1): the usual optimisation
# for sanitizers, and about half the compile time of -O2 -g, which is most of the cost.
test-asan: deps
	cmake -S . -B $(BUILD)-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DLEMMA_SANITIZE=ON -DLEMMA_BUILD_GUI=OFF
	cmake --build $(BUILD)-asan -j $(JOBS)
	UBSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/ubsan.supp:print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1 ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS)

# libFuzzer on each target for FUZZ_SECONDS (default 60), with clang, ASan and UBSan.
FUZZ_SECONDS ?= 60
fuzz:
	@bash scripts/install-deps.sh --fuzz
	CXX=clang++ cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEMMA_FUZZ=ON -DLEMMA_BUILD_GUI=OFF
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzzers
	@bash scripts/run-fuzzers.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

bench: configure
	@bash scripts/install-deps.sh --bench
	cmake --build $(BUILD) -j $(JOBS) --target benchmarks lemma
	@bash scripts/run-benchmarks.sh $(BUILD)

install: build
	cmake --install $(BUILD)

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
