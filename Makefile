# The course's commands. `make demo` and `make test` are all a newcomer needs (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Tests run in parallel on every core, a test file per worker (its graded class is built once:
# pytest-xdist 3.8 does not apply xdist_group marks); set JOBS=1 to run them one at a time.
JOBS   ?= auto

.PHONY: help setup system-tools demo test lab bench lint clean book generate

help:  ## list the commands
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'

setup: $(STAMP) system-tools  ## create .venv and install everything the course needs

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e ".[grader,dev,book]"
	@touch $@

# System packages from Debian: bubblewrap (the grader's sandbox for student code),
# PostgreSQL (the tests of a shared gradebook) and Chromium (the browser tests). Installed
# when we are root with apt-get; otherwise the grader refuses to run untrusted code and those
# tests are skipped, each saying why.
SYSTEM_PACKAGES := bubblewrap:bwrap postgresql:/usr/lib/postgresql chromium:chromium
system-tools:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do pkg=$${pair%%:*}; probe=$${pair#*:}; \
	  if ! command -v $$probe >/dev/null 2>&1 && [ ! -e $$probe ]; then missing="$$missing $$pkg"; fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "note: missing Debian packages:$$missing (sudo apt-get install$$missing)"; \
	  fi; \
	fi

demo: setup  ## release every week, grade the sample class, print the gradebook
	$(BIN)/dlgrade demo

test: setup  ## run every test (unit tests, notebooks, exercises, the demo)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile --durations=15

book: setup  ## the course as a website in _build/book/: self-study and student editions, offline
	$(BIN)/python -m autograder.book

lab: setup  ## JupyterLab on the course (instructor notebooks in week*/, formgrader)
	cd course && ../$(BIN)/jupyter lab --notebook-dir=..

bench: setup  ## benchmarks: notebook run times; plain nbgrader against dlgrade; conv2d; similarity
	$(BIN)/python benchmarks/notebooks.py
	$(BIN)/python benchmarks/grading.py
	$(BIN)/python benchmarks/conv.py
	$(BIN)/python benchmarks/similarity.py

generate: setup  ## remake what the notebooks and catalogues make: references, hints, demo tags, syllabus hours
	$(BIN)/dlgrade generate

lint: setup  ## ruff over the code
	$(BIN)/ruff check dlcourse autograder tests

clean:  ## remove generated course folders (keeps .venv)
	rm -rf course/source course/release course/submitted course/autograded course/feedback \
	       course/exports course/.dlgrade course/sample_class course/gradebook.db \
	       course/reports course/bundles demo-course _build
