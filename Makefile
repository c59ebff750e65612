# rtfrac: radiotherapy dose-fractionation calculator.
#   make            build build/rtfrac, build/librtfrac.a, build/librtfrac.so
#   make demo       install missing build dependencies, build, print the founding table
#   make check      install missing dependencies, build with -Werror, run every test,
#                   then run them again under AddressSanitizer and UBSan
#   make install    PREFIX=/usr/local DESTDIR= (also the bash and zsh completion)
#   make SAN=1      build with AddressSanitizer and UndefinedBehaviorSanitizer
# SPDX-License-Identifier: GPL-3.0-or-later

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions

BUILD     ?= build
CC        ?= cc
CFLAGS    ?= -O2 -g
PKG_CONFIG ?= pkg-config

# Debian packages that provide what the build and the tests need.
DEB_PACKAGES := build-essential pkgconf libgsl-dev libcmocka-dev libjansson-dev libinih-dev locales-all
PC_LIBS      := gsl jansson inih
PC_TEST_LIBS := cmocka

WARN := -std=c11 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wformat=2 -Wundef -Wfloat-equal -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

PC_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PC_LIBS) 2>/dev/null)
PC_LDLIBS = $(shell $(PKG_CONFIG) --libs $(PC_LIBS) 2>/dev/null)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PC_TEST_LIBS) 2>/dev/null)
TEST_LDLIBS = $(shell $(PKG_CONFIG) --libs $(PC_TEST_LIBS) 2>/dev/null)

ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(SANFLAGS) -Iinclude $(PC_CFLAGS) -pthread \
             -DRTFRAC_SOURCE_PRESET_DIR='"$(CURDIR)/presets"' -DRTFRAC_BUILD_DIR='"$(abspath $(BUILD))"' \
             -DRTFRAC_INSTALL_PRESET_DIR='"$(DATADIR)/rtfrac/presets"'
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS) -pthread
LDLIBS_ALL = $(PC_LDLIBS) -lm

LIB_SRC  := $(wildcard src/lib/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
LIB_OBJ  := $(LIB_SRC:src/lib/%.c=$(BUILD)/lib/%.o)
CLI_OBJ  := $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
HEADERS  := $(wildcard include/*.h include/rtfrac/*.h)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EXAMPLE_BIN := $(BUILD)/examples/founding_plan $(BUILD)/examples/founding_report

.PHONY: all deps demo check test-run real-dvh-test latex-test html-test unit headers-test lib-purity-test symbols-test example-test options-test completion-test install-test install uninstall clean

all: $(BUILD)/rtfrac $(BUILD)/librtfrac.a $(BUILD)/librtfrac.so

# Each compile also writes the headers it read to a .d file next to its
# output (-MMD); -MP adds an empty rule per header so that deleting a header
# does not break the next build.  An output whose .d file is missing (a
# build directory from before this rule) is rebuilt, through the empty rule
# for the .d files below.
DEPFLAGS = -MMD -MP -MF $@.d -MT $@
DEPFILES = $(LIB_OBJ:=.d) $(CLI_OBJ:=.d) $(UNIT_BIN:=.d) $(EXAMPLE_BIN:=.d) $(BUILD)/tests/real_dvh.d

$(BUILD)/lib/%.o: src/lib/%.c $(BUILD)/lib/%.o.d | $(BUILD)/lib
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -fPIC -fvisibility=hidden -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c $(BUILD)/cli/%.o.d | $(BUILD)/cli
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/librtfrac.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/librtfrac.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,librtfrac.so.0 $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/rtfrac: $(CLI_OBJ) $(BUILD)/librtfrac.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/librtfrac.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/tests/%.d $(BUILD)/librtfrac.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(TEST_CFLAGS) -o $@ $< $(BUILD)/librtfrac.a $(TEST_LDLIBS) $(LDLIBS_ALL)

# The example links the shared library, as a program outside this tree
# would: only what librtfrac.so exports.  Its soname is librtfrac.so.0, the
# name the example looks for at run time next to librtfrac.so.
$(BUILD)/librtfrac.so.0: $(BUILD)/librtfrac.so
	ln -sf librtfrac.so $@

$(BUILD)/examples/%: examples/%.c $(BUILD)/examples/%.d $(BUILD)/librtfrac.so $(BUILD)/librtfrac.so.0 | $(BUILD)/examples
	$(CC) $(WARN) $(CFLAGS) $(SANFLAGS) $(DEPFLAGS) -Iinclude -o $@ $< \
	  -L$(BUILD) -lrtfrac -Wl,-rpath,'$$ORIGIN/..'

$(BUILD)/lib $(BUILD)/cli $(BUILD)/tests $(BUILD)/examples:
	mkdir -p $@

$(DEPFILES):
include $(wildcard $(DEPFILES))

# Install what the build needs from Debian when it is missing: as root with
# apt-get, otherwise through sudo; when neither works, print the command.
deps:
	@missing=0; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing=1; \
	[ $$missing = 1 ] || $(PKG_CONFIG) --exists $(PC_LIBS) $(PC_TEST_LIBS) || missing=1; \
	[ $$missing = 1 ] || locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$$' || missing=1; \
	if [ $$missing = 1 ]; then \
	  cmd="apt-get install -y --no-install-recommends $(DEB_PACKAGES)"; \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "rtfrac: installing build dependencies: $(DEB_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$cmd || exit 1; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    echo "rtfrac: installing build dependencies through sudo: $(DEB_PACKAGES)"; \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $$cmd || exit 1; \
	  else \
	    echo "rtfrac: build dependencies are missing and cannot be installed from here; run:" >&2; \
	    echo "  sudo apt-get update && sudo $$cmd" >&2; \
	    exit 1; \
	  fi; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@echo
	@echo '$$ rtfrac calc PTV-1=55/22 PTV-2=44/22 --ab 10,3'
	@$(BUILD)/rtfrac calc PTV-1=55/22 PTV-2=44/22 --ab 10,3

# The plain pass and the sanitizer pass run side by side (two cores), each
# into its own log, printed in order when both are done.
check: deps
	@mkdir -p $(BUILD) build-san
	@( $(MAKE) --no-print-directory WERROR=1 test-run > $(BUILD)/check.log 2>&1; echo $$? > $(BUILD)/check.rc ) & \
	 ( $(MAKE) --no-print-directory WERROR=1 SAN=1 BUILD=build-san test-run > build-san/check.log 2>&1; \
	   echo $$? > build-san/check.rc ) & \
	 wait; cat $(BUILD)/check.log; echo "== the same under AddressSanitizer and UBSan"; cat build-san/check.log; \
	 test "$$(cat $(BUILD)/check.rc)" = 0 && test "$$(cat build-san/check.rc)" = 0

test-run: all $(UNIT_BIN) headers-test lib-purity-test symbols-test example-test
	@$(MAKE) --no-print-directory unit
	@RTFRAC=$(BUILD)/rtfrac sh tests/cli/run.sh
	@sh tests/readme.sh $(BUILD)/rtfrac README.md
	@$(MAKE) --no-print-directory options-test
	@RTFRAC=$(BUILD)/rtfrac sh tests/columns.sh
	@$(MAKE) --no-print-directory completion-test
	@$(MAKE) --no-print-directory install-test
	@$(MAKE) --no-print-directory real-dvh-test
	@$(MAKE) --no-print-directory latex-test
	@$(MAKE) --no-print-directory html-test

# The real exports of ../shared/data/dvh (outside the repository), read and
# checked against their own header statistics; skipped when absent.
$(BUILD)/tests/real_dvh: tests/real/real_dvh.c $(BUILD)/tests/real_dvh.d $(BUILD)/librtfrac.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< $(BUILD)/librtfrac.a $(LDLIBS_ALL)

real-dvh-test: $(BUILD)/tests/real_dvh
	@sh tests/real_dvh.sh $(BUILD)/tests/real_dvh

# The documents of the founding plan with a DVH: the LaTeX report compiles
# with pdflatex without errors or overfull boxes over 1 pt and has its
# figures (tests/latex.sh); the HTML report renders in headless Chromium to
# a page that is not blank, with its SVG figures (tests/html.sh).  Each is
# skipped with a message when pdflatex or Chromium is not installed: the
# build and CI do not need them.
latex-test: $(BUILD)/rtfrac
	@sh tests/latex.sh $(BUILD)/rtfrac

html-test: $(BUILD)/rtfrac
	@sh tests/html.sh $(BUILD)/rtfrac

# Help, man page and README agree with each command's option table
# (tests/options.sh, through the hidden `rtfrac CMD --list-options`).
options-test: $(BUILD)/rtfrac
	@RTFRAC=$(BUILD)/rtfrac sh tests/options.sh

# The bash completion completes commands, options and preset names
# (tests/completion.sh); the zsh script passes zsh -n when zsh is installed.
completion-test: $(BUILD)/rtfrac
	@sh tests/completion.sh $(BUILD)/rtfrac

# `make install` into a staging directory: the installed binary finds the
# installed presets and reproduces the founding plan.
STAGE = $(abspath $(BUILD))/stage
install-test: all
	@rm -rf $(STAGE)
	@$(MAKE) --no-print-directory install DESTDIR=$(STAGE) PREFIX=/usr >/dev/null
	@out=$$(cd / && HOME=/nonexistent RTFRAC_PRESET_PATH= XDG_CONFIG_HOME= \
	  $(STAGE)/usr/bin/rtfrac calc --plan hcc-sib-55-44 --format csv) || exit 1; \
	echo "$$out" | grep -q '^PTV-1,55,22,2.5,hcc,10,68.75,57.291666666666664,LQ$$' && \
	echo "$$out" | grep -q '^PTV-2,44,22,2,hcc,10,52.8,44,LQ$$' || \
	{ echo "install-test: the installed rtfrac did not reproduce the founding plan:"; echo "$$out"; exit 1; }
	@(cd / && HOME=/nonexistent $(STAGE)/usr/bin/rtfrac presets path --format csv) | \
	  grep -q 'stage/usr/share/rtfrac/presets,installed' || { echo "install-test: presets path"; exit 1; }
	@test -f $(STAGE)/usr/share/man/man1/rtfrac.1 && test -f $(STAGE)/usr/lib/pkgconfig/rtfrac.pc && \
	  test -f $(STAGE)/usr/include/rtfrac/preset.h && test -f $(STAGE)/usr/lib/librtfrac.so.0
	@test -f $(STAGE)/usr/share/bash-completion/completions/rtfrac && \
	  test -f $(STAGE)/usr/share/zsh/site-functions/_rtfrac && \
	  bash -n $(STAGE)/usr/share/bash-completion/completions/rtfrac || \
	  { echo "install-test: the completion scripts are not installed or do not parse"; exit 1; }
	@echo "install-test: 1 passed, 0 failed"

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

# Each public header compiles on its own.
headers-test:
	@set -e; for h in $(HEADERS); do \
	  printf '#include "%s"\nint rtfrac_header_test_dummy;\n' "$${h#include/}" | \
	  $(CC) -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only -x c - || \
	  { echo "header $$h does not compile on its own"; exit 1; }; \
	done; echo "headers: $(words $(HEADERS)) compile on their own"

# The library never prints, exits or aborts.
lib-purity-test:
	@if grep -nE '\b(printf|fprintf|puts|fputs|exit|abort|atof|atoi|atol|setlocale)[[:space:]]*\(' src/lib/*.c | grep -v 'snprintf'; then \
	  echo "src/lib must not print, exit or parse numbers unchecked"; exit 1; \
	else echo "library purity: no printing, exiting or unchecked parsing in src/lib"; fi

# Each examples/NAME.c prints numbers through librtfrac.so (founding_plan:
# the founding table; founding_report: the founding report's numbers, run
# from the source tree for its presets and DVH); its output is
# examples/NAME.expected.
example-test: $(EXAMPLE_BIN)
	@set -e; for x in $(EXAMPLE_BIN); do \
	  name=$${x##*/}; \
	  $$x >$$x.out || { echo "example-test: $$x failed"; exit 1; }; \
	  diff -u examples/$$name.expected $$x.out || \
	    { echo "example-test: $$x printed other numbers than examples/$$name.expected"; exit 1; }; \
	done; echo "example-test: $(words $(EXAMPLE_BIN)) passed, 0 failed"

# librtfrac.so exports the rtfrac_ functions of the public headers and
# nothing else (tests/symbols.sh).
symbols-test: $(BUILD)/librtfrac.so
	@CC='$(CC)' sh tests/symbols.sh $(BUILD)/librtfrac.so $(HEADERS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR)/rtfrac \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PKGCONFIGDIR)
	install -m 755 $(BUILD)/rtfrac $(DESTDIR)$(BINDIR)/rtfrac
	install -m 644 $(BUILD)/librtfrac.a $(DESTDIR)$(LIBDIR)/librtfrac.a
	install -m 755 $(BUILD)/librtfrac.so $(DESTDIR)$(LIBDIR)/librtfrac.so.$(VERSION)
	ln -sf librtfrac.so.$(VERSION) $(DESTDIR)$(LIBDIR)/librtfrac.so.0
	ln -sf librtfrac.so.0 $(DESTDIR)$(LIBDIR)/librtfrac.so
	install -m 644 include/rtfrac.h $(DESTDIR)$(INCDIR)/rtfrac.h
	install -m 644 include/rtfrac/*.h $(DESTDIR)$(INCDIR)/rtfrac/
	install -m 644 doc/rtfrac.1 $(DESTDIR)$(MANDIR)/man1/rtfrac.1
	install -D -m 644 contrib/completion/rtfrac.bash $(DESTDIR)$(BASHCOMPDIR)/rtfrac
	install -D -m 644 contrib/completion/_rtfrac $(DESTDIR)$(ZSHCOMPDIR)/_rtfrac
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCDIR@|$(INCDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' src/rtfrac.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/rtfrac.pc
	if [ -d presets ]; then cd presets && find . -name '*.ini' -exec install -D -m 644 '{}' '$(DESTDIR)$(DATADIR)/rtfrac/presets/{}' ';'; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rtfrac $(DESTDIR)$(LIBDIR)/librtfrac.a \
	  $(DESTDIR)$(LIBDIR)/librtfrac.so $(DESTDIR)$(LIBDIR)/librtfrac.so.0 \
	  $(DESTDIR)$(LIBDIR)/librtfrac.so.$(VERSION) $(DESTDIR)$(INCDIR)/rtfrac.h \
	  $(DESTDIR)$(MANDIR)/man1/rtfrac.1 $(DESTDIR)$(PKGCONFIGDIR)/rtfrac.pc \
	  $(DESTDIR)$(BASHCOMPDIR)/rtfrac $(DESTDIR)$(ZSHCOMPDIR)/_rtfrac
	rm -rf $(DESTDIR)$(INCDIR)/rtfrac $(DESTDIR)$(DATADIR)/rtfrac

clean:
	rm -rf build build-san

# ---- benchmarks (not part of check) ----------------------------------------
# make bench: tests/bench/bench.sh measures start-up, batch, arrays, tables,
# Monte Carlo and DVH side by side with their baselines (a hello world, awk,
# memcpy, fgets+strtod), each as a ratio with its absolute figures.  The
# array benchmark is built only when include/rtfrac/array.h exists.
BENCH_BIN := $(BUILD)/bench/timeit $(BUILD)/bench/hello $(BUILD)/bench/dvh_read \
             $(if $(wildcard include/rtfrac/array.h),$(BUILD)/bench/array)
.PHONY: bench
bench: all $(BENCH_BIN)
	@sh tests/bench/bench.sh $(BUILD)/bench $(BUILD)/rtfrac

$(BUILD)/bench/array: tests/bench/array.c $(BUILD)/librtfrac.a | $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librtfrac.a $(LDLIBS_ALL)

$(BUILD)/bench/%: tests/bench/%.c | $(BUILD)/bench
	$(CC) $(WARN) -D_POSIX_C_SOURCE=200809L $(CFLAGS) $(SANFLAGS) -o $@ $<

$(BUILD)/bench:
	mkdir -p $@

# ---- fuzzing (not part of check) -------------------------------------------
# make fuzz FUZZ_SECONDS=N: build each libFuzzer target in tests/fuzz/ with
# clang (Debian's), AddressSanitizer and UBSan, and run it for N seconds on
# its seed corpus tests/fuzz/corpus/<target>/ (plus, read-only, the
# project's own fixtures for the file readers).  New inputs go to
# $(FUZZ_BUILD)/corpus/<target>/, findings to $(FUZZ_BUILD)/<target>-crash-*.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= $(BUILD)/fuzz
FUZZ_TARGETS := rx num metric preset dvh batch ldr
FUZZ_FLAGS   := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIB_OBJ := $(LIB_SRC:src/lib/%.c=$(FUZZ_BUILD)/lib/%.o)
FUZZ_SEEDS_dvh := tests/fixtures/dvh
FUZZ_SEEDS_preset := presets presets/plans presets/constraints

FUZZ_DEB_PACKAGES := clang libclang-rt-dev

.PHONY: fuzz fuzz-build fuzz-deps fuzz-ci
# Install clang and its fuzzer runtime from Debian when a trivial libFuzzer
# program does not link (as root with apt-get, otherwise through sudo).
fuzz-deps:
	@if printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' | \
	    $(FUZZ_CC) -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1; then :; else \
	  cmd="apt-get install -y --no-install-recommends $(FUZZ_DEB_PACKAGES)"; \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "rtfrac: installing the fuzzing toolchain: $(FUZZ_DEB_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$cmd || exit 1; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $$cmd || exit 1; \
	  else \
	    echo "rtfrac: clang with libFuzzer is missing; run: sudo apt-get install $(FUZZ_DEB_PACKAGES)" >&2; exit 1; \
	  fi; \
	fi

# CI: every target briefly (FUZZ_CI_SECONDS each), after installing clang.
FUZZ_CI_SECONDS ?= 10
fuzz-ci: fuzz-deps
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_CI_SECONDS)

.SECONDARY: $(FUZZ_LIB_OBJ)
fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

$(FUZZ_BUILD)/lib/%.o: src/lib/%.c $(HEADERS) | $(FUZZ_BUILD)/lib
	$(FUZZ_CC) $(WARN) -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Iinclude $(PC_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -fsanitize=fuzzer -Iinclude $(PC_CFLAGS) \
	  $< $(FUZZ_LIB_OBJ) -o $@ $(PC_LDLIBS) -lm

$(FUZZ_BUILD)/lib:
	mkdir -p $@

fuzz: fuzz-deps fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  seeds=""; case $$t in dvh) seeds="$(FUZZ_SEEDS_dvh)";; preset) seeds="$(FUZZ_SEEDS_preset)";; esac; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/fuzz_$$t- \
	    $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t $$seeds; \
	done
