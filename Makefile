# The course's commands. `make demo` and `make test` are all a newcomer needs (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Tests run in parallel on every core; set JOBS=1 to run them one at a time.
JOBS   ?= auto

.PHONY: help setup sandbox-tools demo test lab bench lint clean

help:  ## list the commands
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'

setup: $(STAMP) sandbox-tools  ## create .venv and install everything the course needs

# The grader isolates student code with bubblewrap (Debian package); install it when we can.
sandbox-tools:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing bubblewrap (sandbox for student code)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; \
	  else \
	    echo "note: bubblewrap is missing; dlgrade grade will refuse to run student code until"; \
	    echo "      it is installed (sudo apt-get install bubblewrap) or --unsafe is given"; \
	  fi; }

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e ".[grader,dev]"
	@touch $@

demo: setup  ## release every week, grade the sample class, print the gradebook
	$(BIN)/dlgrade demo

test: setup  ## run every test (unit tests, notebooks, exercises, the demo)
	$(BIN)/python -m pytest -n $(JOBS) --durations=15

lab: setup  ## JupyterLab on the course (instructor notebooks in week*/, formgrader)
	cd course && ../$(BIN)/jupyter lab --notebook-dir=..

lint: setup  ## ruff over the code
	$(BIN)/ruff check dlcourse autograder tests

clean:  ## remove generated course folders (keeps .venv)
	rm -rf course/source course/release course/submitted course/autograded course/feedback \
	       course/exports course/.dlgrade course/sample_class course/gradebook.db
