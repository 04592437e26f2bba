# SPDX-License-Identifier: GPL-3.0-or-later
#
# make install PREFIX=~/.local     builds archlab (release), installs the binary, its shell completions and the course
# make install ARCHLAB_BIN=path    installs an already built binary instead of building one
# make uninstall PREFIX=~/.local   removes what install put there
#
# Installed files (DESTDIR, if set, is prepended to every one, for packagers):
#   $(PREFIX)/bin/archlab
#   $(PREFIX)/share/bash-completion/completions/archlab
#   $(PREFIX)/share/zsh/site-functions/_archlab
#   $(PREFIX)/share/fish/vendor_completions.d/archlab.fish
#   $(PREFIX)/share/archlab/course/   Lessons/, Quizzes/, Exercises/ (when present) and every source file a lesson
#                                     includes, so `archlab` finds the course there when run outside a checkout

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
ARCHLAB_BIN ?=

BINDIR := $(DESTDIR)$(PREFIX)/bin
SHAREDIR := $(DESTDIR)$(PREFIX)/share
COURSEDIR := $(SHAREDIR)/archlab/course
BASH_COMPLETION := $(SHAREDIR)/bash-completion/completions/archlab
ZSH_COMPLETION := $(SHAREDIR)/zsh/site-functions/_archlab
FISH_COMPLETION := $(SHAREDIR)/fish/vendor_completions.d/archlab.fish

.PHONY: all build install uninstall

all: build

# With ARCHLAB_BIN set there is nothing to build.
build:
ifeq ($(ARCHLAB_BIN),)
	$(SWIFT) build -c release --product archlab
endif

install: build
	@set -eu; \
	bin='$(ARCHLAB_BIN)'; \
	if [ -z "$$bin" ]; then bin="$$($(SWIFT) build -c release --show-bin-path)/archlab"; fi; \
	[ -x "$$bin" ] || { echo "make install: $$bin is not an executable" >&2; exit 2; }; \
	echo "installing $$bin into $(BINDIR)"; \
	mkdir -p '$(BINDIR)' "$$(dirname '$(BASH_COMPLETION)')" "$$(dirname '$(ZSH_COMPLETION)')" \
		"$$(dirname '$(FISH_COMPLETION)')"; \
	cp "$$bin" '$(BINDIR)/archlab.tmp'; chmod 755 '$(BINDIR)/archlab.tmp'; \
	mv -f '$(BINDIR)/archlab.tmp' '$(BINDIR)/archlab'; \
	"$$bin" --generate-completion-script bash > '$(BASH_COMPLETION)'; \
	"$$bin" --generate-completion-script zsh > '$(ZSH_COMPLETION)'; \
	"$$bin" --generate-completion-script fish > '$(FISH_COMPLETION)'; \
	echo "installing the course into $(COURSEDIR)"; \
	rm -rf '$(COURSEDIR)'; mkdir -p '$(COURSEDIR)'; \
	cp -R Lessons Quizzes '$(COURSEDIR)/'; \
	if [ -d Exercises ]; then cp -R Exercises '$(COURSEDIR)/'; fi; \
	sed -n 's/^[[:space:]]*{{#include[[:space:]]*\([^}]*\)}}[[:space:]]*$$/\1/p' Lessons/*.md \
		| sed -e 's/:[^:/]*$$//' -e 's/[[:space:]]*$$//' -e 's|^\.\./||' -e t -e 's|^|Lessons/|' | sort -u \
		| while IFS= read -r included; do \
			[ -f "$$included" ] || { echo "make install: a lesson includes $$included, which is missing" >&2; exit 2; }; \
			mkdir -p "$$(dirname "$(COURSEDIR)/$$included")"; cp "$$included" "$(COURSEDIR)/$$included"; \
		done

uninstall:
	rm -f '$(BINDIR)/archlab' '$(BASH_COMPLETION)' '$(ZSH_COMPLETION)' '$(FISH_COMPLETION)'
	rm -rf '$(SHAREDIR)/archlab'
