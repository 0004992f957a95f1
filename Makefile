# Entry points: `make demo` installs what is missing, builds and scans the
# bundled kernel-fixtures tree; `make test` runs every test, including the
# ones over Debian's linux-source-6.12 (prepared by scripts/linux-tree.sh).

BUILD ?= build
JOBS ?= $(shell nproc)
LIT := python3 /usr/lib/llvm-19/build/utils/lit/lit.py

# Debian packages, and why: clang/LLVM 19 are the compiler front end the tool
# is built on (libclang-cpp19-dev for the shared library to link), lit and
# FileCheck (llvm-19-tools) run the tests, nlohmann-json3-dev writes the
# report, python3-jsonschema validates it against docs/report.schema.json,
# cmake/ninja build, and linux-source-6.12 plus its build dependencies give
# the real corpus; diffutils, git and patch make and check the rewrite's
# diffs and patch series.
PACKAGES := clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools \
	lld-19 nlohmann-json3-dev cmake ninja-build python3 python3-jsonschema make \
	diffutils git patch

.PHONY: all deps build demo test check clean

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

test: build $(SARIF_MULTITOOL)
	SOCKOPT_LINUX_TREE=$$(scripts/linux-tree.sh | tail -n 1) && export SOCKOPT_LINUX_TREE && \
		SOCKOPT_SARIF_MULTITOOL=$(abspath $(SARIF_MULTITOOL)) $(LIT) -sv $(BUILD)/test

check: build
	$(LIT) -sv $(BUILD)/test

clean:
	rm -rf $(BUILD)
