# bitext: make demo (align the bundled corpus), make test (everything CI runs).
SHARED ?= ../shared
# The binary where cargo puts it (CARGO_TARGET_DIR or build.target-dir may move it).
TARGET_DIR := $(shell cargo metadata --format-version 1 --no-deps 2>/dev/null | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BITEXT := $(or $(TARGET_DIR),target)/release/bitext
export BITEXT
# In `make test` every test runs in full: missing evaluation material or root is a failure.
export BITEXT_FULL_TESTS := 1
export BITEXT_SHARED := $(abspath $(SHARED))

.PHONY: all build demo test lint unit tmx-check srx-check choppa-check report-check editor-check calc-check office-check test-spark eval fit-scores bench stress fuzz clean

all: build

## The release binary, built again when a source is newer. `cargo test --release` builds it
## too (with the tests' dependency features): the checks after the unit tests use that one
## rather than compile every dependency a second time.
SOURCES := $(shell find src -type f) Cargo.toml Cargo.lock
$(BITEXT): $(SOURCES)
	cargo build --release

build: $(BITEXT)

## Align every pair in corpora/pairs into out/, and the CMS pages of corpora/html straight
## from HTML into out/html, and print the per-document summaries.
demo: build
	$(BITEXT) batch corpora/pairs -o out
	$(BITEXT) batch corpora/html -o out/html
	@echo
	@echo "Translation memory: out/memory.tmx   review table: out/review.csv   summary: out/summary.csv"

## Every check CI runs: formatting, lints, unit and integration tests, doctests, TMX clients.
test: lint unit tmx-check srx-check choppa-check report-check editor-check calc-check office-check

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

## The dictionary test reads Mueller's English-Russian dictionary as Debian installs it.
unit:
	@[ -f /usr/share/dictd/mueller7.index ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mueller7-dict >/dev/null; }
	cargo test --release --no-fail-fast

## The demo memory and a memory of hostile text, through xmllint, translate-toolkit and OmegaT.
tmx-check: build
	$(BITEXT) batch corpora/pairs -o out --quiet
	$(SHARED)/tools/tmx-check out/memory.tmx --srclang ru --tgtlang en
	$(BITEXT) convert tests/data/hostile.csv -o out/hostile.tmx
	$(SHARED)/tools/tmx-check out/hostile.tmx --srclang ru --tgtlang en

## bitext split --srx on OmegaT's own default rules splits the corpus exactly as OmegaT does.
srx-check: build
	scripts/srx-check.sh $(SHARED)

## `bitext srx` judged by an independent SRX 2.0 engine (choppa-srx from PyPI, in a venv):
## the corpus, golden and UD sets cut as the built-in splitter cuts them, and exactly as
## `bitext split --srx` cuts them.
CHOPPA_VENV ?= $(HOME)/.cache/bitext-choppa
choppa-check: build
	@$(CHOPPA_VENV)/bin/python -c 'import choppa' 2>/dev/null || { \
	  { python3 -m venv $(CHOPPA_VENV) 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null && rm -rf $(CHOPPA_VENV) && python3 -m venv $(CHOPPA_VENV); }; } \
	  && $(CHOPPA_VENV)/bin/pip install -q choppa-srx; }
	mkdir -p out
	$(BITEXT) srx -o out/bitext.srx
	$(CHOPPA_VENV)/bin/python scripts/srx-choppa.py --bitext $(BITEXT) --srx out/bitext.srx --shared $(SHARED) --min-builtin 99.5 --min-builtin-en 99.5

## An HTML review report rendered in headless Chromium (Debian's package, installed if missing).
report-check:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
	cargo test --release --test tests -- --ignored report_renders_in_headless_chromium

## The review page's editor driven over WebDriver in headless Chromium (Debian's chromium and
## chromium-driver, installed if missing): fixes, reload, save, convert; 2,000 links stay fast.
editor-check:
	{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; }
	cargo test --release --test tests -- --ignored editor_

## Review tables and workbooks through LibreOffice Calc (Debian's package, installed if missing).
calc-check:
	dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-calc-nogui >/dev/null; }
	cargo test --release --test tests -- --ignored test_calc

## The corpus converted by LibreOffice Writer to DOCX, ODT, HTML and PDF aligns like the text
## pairs; the corpus typeset as journal PDFs (../shared/tools/journal-pdfs) reads back as the
## typeset text; the corpus typeset by pdfLaTeX (scripts/latex-journal.py) aligns like the
## plain text, and so do the journal pages written again by Ghostscript; encrypted and
## image-only PDFs (Debian's libreoffice-writer-nogui, its Russian and English hyphenation
## patterns, poppler-utils, qpdf, TeX Live with Cyrillic fonts and Ghostscript, installed if
## missing).
office-check:
	command -v soffice >/dev/null 2>&1 && soffice --version 2>/dev/null | grep -q . && [ -e /usr/lib/libreoffice/program/libswlo.so ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-writer-nogui >/dev/null; }
	command -v pdftotext >/dev/null 2>&1 && command -v qpdf >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q poppler-utils qpdf >/dev/null; }
	dpkg -s hyphen-ru hyphen-en-us >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyphen-ru hyphen-en-us >/dev/null; }
	dpkg -s texlive-latex-recommended texlive-lang-cyrillic cm-super >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q texlive-latex-base texlive-latex-recommended texlive-lang-cyrillic cm-super >/dev/null; }
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
	command -v gs >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ghostscript >/dev/null; }
	cargo test --release --test tests -- --include-ignored test_office

## The Spark example on local[2]: the same units as `bitext batch`, failed pairs counted, pairs/s.
test-spark: build
	scripts/spark-test.sh

## Quality figures on the external evaluation sets (see docs/figures.md).
eval: build
	scripts/eval.sh $(SHARED)/eval

## Refit the weights of the row score (src/align/score.rs) on the shared gold sets.
fit-scores: build
	scripts/score-features.sh $(SHARED)/eval out/score-features
	python3 scripts/fit-scores.py out/score-features/*.csv
	cargo fmt --all

## Throughput and memory figures (criterion benchmarks, the scale runs, pairing 2,000 x 2,000 documents,
## reading a 28-34 page two-column journal PDF, `split --srx` on the rules `bitext srx` writes).
bench: build
	cargo bench --bench throughput -- --noplot
	scripts/scale.sh $(SHARED)/eval
	scripts/pair-scale.sh $(SHARED)/eval
	scripts/tm-bench.sh
	scripts/pdf-bench.sh $(SHARED)
	scripts/srx-bench.sh
	scripts/stress.sh

## Hostile sizes (a 50 MB line, a million one-word lines, ...): time and peak memory of each.
stress: build
	scripts/stress.sh

## Coverage-guided fuzzing, FUZZ_SECONDS per target (default 300): read split align tmx table html office.
FUZZ_SECONDS ?= 300
fuzz: build
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	cargo clean
	rm -rf out
