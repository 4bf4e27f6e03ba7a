# Two commands for a newcomer (see README.md):
#   make run    set up and open the kiosk on the embedded sample content
#   make test   set up and run lint and the whole test suite, headless
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHANNEL ?= mong-cai
EMBEDDED := var/embedded/catalog.json

export KIVY_NO_ARGS := 1

.PHONY: run test lint bench system-deps catalog clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

system-deps:
	bash deploy/system-deps.sh

catalog: $(VENV)/.runtime
	$(PY) -m hub build-catalog assets/content --channel $(CHANNEL) -o $(EMBEDDED)

run: system-deps $(VENV)/.runtime catalog
	$(PY) -m kiosk run --embedded $(EMBEDDED)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: system-deps $(VENV)/.dev lint
	$(PY) -m pytest

bench: system-deps $(VENV)/.dev
	$(PY) -m bench

clean:
	rm -rf $(VENV) var build dist
