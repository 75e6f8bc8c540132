# vip — Van Idee naar Project. `make demo` and `make test` work on a fresh Debian machine:
# each installs what it needs first (`make setup`, idempotent, apt-get/pip as root).
SHELL := /bin/bash
SWIFT ?= swift
VIP := .build/release/vip
# zlib1g-dev and liblzma-dev: the archives libxml2's own archive needs in the release build.
DEBIAN_PACKAGES := pkg-config libxml2-dev libhunspell-dev hunspell-nl libyaml-dev libdeflate-dev zlib1g-dev liblzma-dev
ORACLE_PACKAGES := jing libxml2-utils libreoffice-writer-nogui pandoc poppler-utils chromium strace
PYTHON_PACKAGES := lxml python-docx jsonschema PyYAML pytest pytest-xdist playwright axe-selenium-python schemathesis aiosmtpd
# Running it for real (Tests/Beheer): msmtp for --sendmail, openssl for the test certificate, and the
# tools that check deploy/: systemd-analyze, nginx -t, caddy validate.
BEHEER_PACKAGES := msmtp openssl systemd nginx caddy
SAMPLES := Samples/buurtmoestuin.yaml Samples/kinderfestival.yaml

.PHONY: all setup setup-test build release demo serve test test-checker test-browser test-beheer test-vijandig test-asan docs bench bench-server fuzz clean

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
	@$(MAKE) --no-print-directory setup EXTRA_PACKAGES="$(ORACLE_PACKAGES) $(BEHEER_PACKAGES)"
	@python3 -c "import lxml, docx, jsonschema, yaml, pytest, xdist, playwright, axe_selenium_python, aiosmtpd" 2>/dev/null || python3 -m pip install -q $(PYTHON_PACKAGES) \
	  || python3 -m pip install -q --break-system-packages $(PYTHON_PACKAGES)

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in statically: the dynamic loader's work for
# them was a sixth of a one-package `vip build` (bench/RESULTATEN.md). Two programs: `vip`,
# and `vip-server` beside it, which runs `vip server` and `vip gebruiker` (the command line
# does not carry the web server).
# Generic types are instantiated through their metadata accessors, not by mangled name: by
# name, the runtime checks each generic requirement by scanning all ~5,900 conformance records
# once per type (a KeyedDecodingContainer per decoded model type), an eighth of a one-package
# `vip build` (bench/RESULTATEN.md). Both programs share the flags, and so one build tree.
# The C libraries go in statically too (libxml2 with its ICU, zlib and xz; hunspell, libyaml,
# libdeflate): pkg-config files of our own in .build/statisch name their archives
# (scripts/statische-pc.sh). And a position-dependent executable (-no-pie): the dynamic loader
# then has ~970 relocations to apply at start instead of ~78,700, each on a page of its own
# copy. Together 9 to 14 % of the CPU time of a one-package `vip build` (bench/RESULTATEN.md);
# the program grows by the ICU data (~30 MB on disk, read only where used). Debug builds and
# the tests link the shared libraries, as pkg-config names them.
# `vip` alone is then linked fully statically (VIP_VOLLEDIG_STATISCH=1, read by Package.swift):
# glibc and libstdc++ in the program, no dynamic loader; its start costs 1.4 ms of CPU instead
# of 3.3 ms. `vip-server` stays dynamic (host names need glibc's shared NSS modules).
STATISCH := $(CURDIR)/.build/statisch
RELEASE_FLAGS := -c release --static-swift-stdlib \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
	-Xlinker -no-pie
release: setup
	scripts/statische-pc.sh $(STATISCH)
	VIP_VOLLEDIG_STATISCH=1 PKG_CONFIG_PATH=$(STATISCH) $(SWIFT) build $(RELEASE_FLAGS) --product vip
	PKG_CONFIG_PATH=$(STATISCH) $(SWIFT) build $(RELEASE_FLAGS) --product vip-server

# Builds the sample aanvragen into ODT and DOCX documents in uit/.
demo: release
	$(VIP) check $(SAMPLES)
	$(VIP) build $(SAMPLES) --uit uit
	$(VIP) build Samples/concept-vol-fouten.yaml --concept --uit uit/concept-vol-fouten
	$(VIP) fondsendate Samples/fondsendate.yaml --uit uit/fondsendate
	@echo "De documenten staan in uit/."

# vip in the browser with demo accounts and aanvragen (the passwords are printed at start).
# The data stays in .build/vip-demo between runs; `make clean` removes it.
serve: setup
	$(SWIFT) build --product vip
	$(SWIFT) build --product vip-server
	.build/debug/vip server --demo --data .build/vip-demo

# The document checker's self-test first (a checker that passes broken documents would
# make every document test worthless), then the Swift tests.
#
# Every page the tests render is rendered by both template engines (Weergave: our own, and the
# mustache library as the oracle); a page on which they differ lands in $(ORAKEL), and the run
# fails at the end when that folder is not empty.
ORAKEL := $(CURDIR)/.build/sjablonen-orakel
test test-browser test-beheer test-vijandig test-asan: export VIP_SJABLONEN_ORAKEL := $(ORAKEL)
#
# One step after the other. The release build that test-vijandig needs ran beside the browser
# suite for a while: at normal priority (`nice` does not hold: swift-build starts the compilers
# at priority 0 again) the suite took 34.3 instead of 23.6 minutes and the build was still not
# done after it; at idle priority (SCHED_IDLE) a full-page screenshot in the suite ran past
# Playwright's 30 s once. In turn is slower by minutes but has not failed.
test: setup-test test-checker
	rm -rf .build/serverlogs $(ORAKEL)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}
	@$(MAKE) --no-print-directory test-browser
	@$(MAKE) --no-print-directory test-beheer
	@$(MAKE) --no-print-directory test-vijandig
	@$(MAKE) --no-print-directory test-orakel

# The pages on which the two template engines differed (see ORAKEL above); none, or it fails.
.PHONY: test-orakel
test-orakel:
	@if [ -n "$$(ls -A $(ORAKEL) 2>/dev/null)" ]; then \
	  echo "Sjablonen: de twee engines verschillen op deze pagina's:"; ls $(ORAKEL); exit 1; \
	else echo "Sjablonen: beide engines gaven op elke geteste pagina dezelfde bytes."; fi

# The pages in a real browser (Debian's chromium, driven by Playwright for Python; its own
# browser download cannot work here): the cursist's walk with and without JavaScript, axe-core
# on every page, hostile input, the demo start. Screenshots land in .build/screenshots/.
# Two test files at a time (pytest-xdist; each file keeps its own servers and browser, in
# order): 23.6 instead of 29.4 minutes on a slow day; the largest part of the CI run.
test-browser:
	python3 -m pytest -q -p no:cacheprovider -n 2 --dist loadfile Tests/Browser 2>&1 | tee .build/test-browser.log; exit $${PIPESTATUS[0]}

# Running it for real (issue 18, Tests/Beheer): mail through real mail servers on loopback (aiosmtpd,
# plain, STARTTLS and smtps with a self-signed certificate, msmtp for --sendmail), kill -9 while the
# mail server is down, two processes on one PostgreSQL database, the deploy/ files checked by
# systemd-analyze, nginx and caddy, the backup script run once; last, the scan of every server log
# of the browser and beheer tests (.build/serverlogs) for e-mail addresses, passwords and tokens.
test-beheer:
	python3 -m pytest -q -p no:cacheprovider Tests/Beheer 2>&1 | tee .build/test-beheer.log; exit $${PIPESTATUS[0]}

# The hostile-client suite (Tests/Vijandig) against a real `vip server` of the release build, as
# it would run on the open internet: adversarial form bodies while /gezond is timed, stalled
# connections, non-canonical paths without a CSRF token, parallel logins, kill -9 after an
# upload, export and import, peak memory of a large package, and fdatasync under strace.
test-vijandig: release
	VIP_RELEASE=$(VIP) python3 -m pytest -q -p no:cacheprovider Tests/Vijandig 2>&1 | tee .build/test-vijandig.log; exit $${PIPESTATUS[0]}

# `make test` with a throwaway PostgreSQL cluster (loopback, a temporary folder, stopped
# afterwards even when tests fail): the storage tests and the several-processes tests then
# run against PostgreSQL too. Without it those cases are reported as not run.
POSTGRES_PACKAGES := postgresql
.PHONY: test-postgres
test-postgres:
	@$(MAKE) --no-print-directory setup EXTRA_PACKAGES="$(POSTGRES_PACKAGES)"
	bash scripts/postgres-test.sh $(MAKE) --no-print-directory test

# The test suite under AddressSanitizer (separate build folder), with the vip binary of
# that build. Leak detection is off here: XCTest and Foundation's Process leak a few
# objects of their own at exit; `make fuzz` runs LeakSanitizer with suppressions instead.
# VIP_ZONDER_SERVER=1 leaves the server targets (Hummingbird, GRDB) out of this build.
# VIP_ZONDER_ORAKELS=1: the documents are built and read back as in the plain run, but not handed
# to the document checker (LibreOffice, jing and pandoc are not instrumented, and `make test`
# checks the same bytes): the tests took 394 instead of 595 s here, 13.5 instead of 23.5 minutes
# of CPU with the build.
test-asan: test-asan-bouw
	VIP_ZONDER_SERVER=1 VIP_ZONDER_ORAKELS=1 ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	@$(MAKE) --no-print-directory test-orakel

# Only the build of test-asan (.ci/run starts it early, at idle priority).
.PHONY: test-asan-bouw
test-asan-bouw: setup-test
	VIP_ZONDER_SERVER=1 $(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan

test-checker:
	python3 Tests/DocumentChecker/selftest.py

# Regenerates docs/checklist.md from the rules themselves (a test fails when it is stale).
docs: build
	.build/debug/vip regels --format markdown > docs/checklist.md.tmp
	mv docs/checklist.md.tmp docs/checklist.md


# The bench's own tools: wrk for a quick load by hand on `vip server` (bench/server.sh has
# its own asyncio client), postgresql for BENCH_POSTGRES=1.
BENCH_PACKAGES := wrk postgresql

bench: release
	@$(MAKE) --no-print-directory setup EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	bash bench/run.sh

# Only the server part of `make bench`: `vip server` under load on loopback (32 clients).
# VIP_BENCH_POSTGRES=postgres://… or BENCH_POSTGRES=1 adds PostgreSQL beside SQLite.
bench-server: release
	@$(MAKE) --no-print-directory setup EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	bash bench/server.sh

fuzz: setup
	bash fuzz/run.sh

clean:
	rm -rf .build .build-asan uit
