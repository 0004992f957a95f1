# Entry points: `make demo` installs what is missing, builds and scans the
# bundled kernel-fixtures tree; `make test` runs every test, including the
# ones over Debian's linux-source-6.12 (prepared by scripts/linux-tree.sh,
# which asks the tool just built which helper files the database needs).

BUILD ?= build
JOBS ?= $(shell nproc)
LIT := python3 /usr/lib/llvm-19/build/utils/lit/lit.py

# Debian packages, and why: clang/LLVM 19 are the compiler front end the tool
# is built on (libclang-cpp19-dev for the shared library to link), lit and
# FileCheck (llvm-19-tools) run the tests, nlohmann-json3-dev writes the
# report, python3-jsonschema validates it against docs/report.schema.json,
# cmake/ninja build, and linux-source-6.12 plus its build dependencies give
# the real corpus; diffutils, git and patch make and check the rewrite's
# diffs and patch series; qemu-system-x86 boots the test kernels of the
# booted-kernel test (e2e/boot.sh); googletest gives the sources of
# GoogleTest (/usr/src/googletest), which the unit tests (unittests/) build
# with the project's flags: Debian ships no LLVM gtest library, and its
# prebuilt libgtest is built with RTTI, which LLVM code goes without.
PACKAGES := clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools \
	lld-19 nlohmann-json3-dev cmake ninja-build python3 python3-jsonschema make \
	diffutils git patch qemu-system-x86 googletest

.PHONY: all deps build demo test e2e check clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) -j$(JOBS)

demo: build
	$(BUILD)/tool/sockopt-migrate scan -p $(BUILD)/kernel-fixtures --format=text -q
	$(BUILD)/tool/sockopt-migrate scan -p $(BUILD)/kernel-fixtures -o $(BUILD)/fixtures-report.json
	$(BUILD)/tool/sockopt-migrate rewrite -p $(BUILD)/kernel-fixtures > $(BUILD)/fixtures.diff
	@echo "full report: $(BUILD)/fixtures-report.json; conversions: $(BUILD)/fixtures.diff"

# The reference SARIF 2.1.0 validator (npm's @microsoft/sarif-multitool, a
# self-contained binary) for the check tests.
SARIF_MULTITOOL := $(BUILD)/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
$(SARIF_MULTITOOL):
	npm install --silent --no-audit --no-fund --prefix $(BUILD)/npm @microsoft/sarif-multitool@5.7.0
	chmod u+x $@

# The booted-kernel test: e2e/kernels.sh builds a small 6.12 kernel before
# and after the rewrite, and one with a deliberate mistake (cached under
# ~/.cache/sockopt-migrate/e2e; ~15 min the first time on two cores, seconds
# after); test/e2e boots them under qemu with the probe as /init.
E2E_KERNELS := e2e/kernels.sh --broken --tool $(BUILD)/tool/sockopt-migrate

test: build $(SARIF_MULTITOOL)
	SOCKOPT_LINUX_TREE=$$(scripts/linux-tree.sh --tool $(BUILD)/tool/sockopt-migrate) && export SOCKOPT_LINUX_TREE && \
		SOCKOPT_E2E_DIR=$$($(E2E_KERNELS)) && export SOCKOPT_E2E_DIR && \
		SOCKOPT_SARIF_MULTITOOL=$(abspath $(SARIF_MULTITOOL)) $(LIT) -sv $(BUILD)/test

e2e: build
	SOCKOPT_E2E_DIR=$$($(E2E_KERNELS)) && export SOCKOPT_E2E_DIR && \
		$(LIT) -sv --filter '^sockopt-migrate :: e2e/' $(BUILD)/test

check: build
	$(LIT) -sv $(BUILD)/test

clean:
	rm -rf $(BUILD)
