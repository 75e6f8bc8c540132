# vip — Van Idee naar Project. `make demo` and `make test` work on a fresh Debian machine:
# each installs what it needs first (`make setup`, idempotent, apt-get/pip as root).
SHELL := /bin/bash
SWIFT ?= swift
VIP := .build/release/vip
DEBIAN_PACKAGES := pkg-config libxml2-dev libzip-dev libhunspell-dev hunspell-nl libyaml-dev libdeflate-dev
ORACLE_PACKAGES := jing libxml2-utils libreoffice-writer-nogui pandoc poppler-utils
PYTHON_PACKAGES := lxml python-docx jsonschema PyYAML
SAMPLES := Samples/buurtmoestuin.yaml Samples/kinderfestival.yaml

.PHONY: all setup setup-test build release demo test test-checker test-asan templates docs bench fuzz clean

all: build

# Installs only what is missing; needs root (CI runs as root) or sudo.
setup:
	@missing=$$(for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installeren: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# What the tests need besides Swift: the tools of the document checker in
# Tests/DocumentChecker (jing, LibreOffice, pandoc, pdfinfo, lxml, python-docx) and the
# Python packages of the schema and review tests. A Debian python3 refuses pip installs
# into the system (PEP 668); then pip is asked again with --break-system-packages.
setup-test:
	@$(MAKE) --no-print-directory setup EXTRA_PACKAGES="$(ORACLE_PACKAGES)"
	@python3 -c "import lxml, docx, jsonschema, yaml" 2>/dev/null || python3 -m pip install -q $(PYTHON_PACKAGES) \
	  || python3 -m pip install -q --break-system-packages $(PYTHON_PACKAGES)

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in statically: the dynamic loader's work for
# them was a sixth of a one-package `vip build` (bench/RESULTATEN.md).
release: setup
	$(SWIFT) build -c release --product vip --static-swift-stdlib

# Builds the sample aanvragen into ODT and DOCX documents in uit/.
demo: release
	$(VIP) check $(SAMPLES)
	$(VIP) build $(SAMPLES) --uit uit
	$(VIP) build Samples/concept-vol-fouten.yaml --concept --uit uit/concept-vol-fouten
	$(VIP) fondsendate Samples/fondsendate.yaml --uit uit/fondsendate
	@echo "De documenten staan in uit/."

# The document checker's self-test first (a checker that passes broken documents would
# make every document test worthless), then the Swift tests.
test: setup-test test-checker
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}

# The test suite under AddressSanitizer (separate build folder), with the vip binary of
# that build. Leak detection is off here: XCTest and Foundation's Process leak a few
# objects of their own at exit; `make fuzz` runs LeakSanitizer with suppressions instead.
test-asan: setup-test
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

test-checker:
	python3 Tests/DocumentChecker/selftest.py

# Regenerates docs/checklist.md from the rules themselves (a test fails when it is stale).
docs: build
	.build/debug/vip regels --format markdown > docs/checklist.md.tmp
	mv docs/checklist.md.tmp docs/checklist.md

# Regenerates Sources/VIPDocument/EmbeddedTemplates.swift from Templates/.
templates:
	python3 scripts/embed-templates.py

bench: release
	bash bench/run.sh

fuzz: setup
	bash fuzz/run.sh

clean:
	rm -rf .build .build-asan uit
