# Two commands for a newcomer (see README.md):
#   make run    set up and open the kiosk on the embedded sample content, in a window
#   make test   set up and run lint and the whole test suite, headless (the hub's tests on
#               SQLite and again on PostgreSQL; `make test-postgresql` runs only that pass)
# For devices (see docs/technician.md):
#   make bundle      build dist/kiosk (one folder, one `kiosk` executable) and its tarball;
#                    prints its size and its start-to-first-frame time against the source
#   make image       build a device image (root filesystem, bootable disk) from the bundle;
#                    IMAGE_HUB=https://... sets the hub its devices enrol with (by USB stick)
#   make image-test  only the device-image tests, the QEMU boot included (also part of `make test`)
#   make soak        the hub's API and staff-form fuzzers with 1000 requests per operation and
#                    mode (HUB_FUZZ_EXAMPLES), on SQLite and on PostgreSQL; `make test` runs 40
#                    (device API) and 13 (staff);
#                    first `make soak-image`: 20 power cuts of the booted image during a sync
#                    (BOOT_POWER_CUTS; `make test` runs 2)
#   make soak-delta  100 kills (SIGKILL) while a kiosk rebuilds content from a patch (`make test`
#                    runs 10; DELTA_SOAK_ITERATIONS); `make soak` runs it first
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHANNEL ?= mong-cai
EMBEDDED := var/embedded/catalog.json
SAMPLE_CONFIG := assets/kiosk-sample.toml

export KIVY_NO_ARGS := 1

.PHONY: run run-deps test test-postgresql lint bench system-deps catalog clean bundle image image-test soak \
	soak-image soak-delta

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

run-deps:
	bash deploy/system-deps.sh run

catalog: $(VENV)/.runtime
	$(PY) -m hub build-catalog assets/content --channel $(CHANNEL) -o $(EMBEDDED)

run: run-deps $(VENV)/.runtime catalog
	$(PY) -m kiosk run --config $(SAMPLE_CONFIG) --embedded $(EMBEDDED) --windowed --closable

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The hub's tests run twice, on SQLite and on PostgreSQL (a scratch server of their own), each
# pass on two processes (pytest-xdist, a test file per process at a time); the rest runs once.
HUB_TEST_PROCESSES ?= 2
test: system-deps $(VENV)/.dev lint
	$(PY) -m pytest --ignore=tests/hub
	$(PY) -m pytest -n $(HUB_TEST_PROCESSES) --dist loadfile tests/hub
	$(PY) -m pytest -n $(HUB_TEST_PROCESSES) --dist loadfile tests/hub --hub-backend postgresql

test-postgresql: system-deps $(VENV)/.dev
	$(PY) -m pytest -n $(HUB_TEST_PROCESSES) --dist loadfile tests/hub --hub-backend postgresql

bench: system-deps $(VENV)/.dev
	$(PY) -m bench

bundle: system-deps $(VENV)/.dev
	$(PY) -m bundle --font-cache build/fonts-full

IMAGE_HUB ?=
image: bundle
	bash deploy/image.sh --bundle dist/kiosk --out build/image --cache build/debs \
		--tarball --disk dist/kiosk-disk.img $(if $(IMAGE_HUB),--hub $(IMAGE_HUB))

SOAK_EXAMPLES ?= 1000
soak-delta: system-deps $(VENV)/.dev
	DELTA_SOAK_ITERATIONS=100 $(PY) -m pytest -p no:cacheprovider \
		tests/sync/test_power_cuts.py -k patch_apply

soak: soak-delta soak-image system-deps $(VENV)/.dev
	HUB_FUZZ_EXAMPLES=$(SOAK_EXAMPLES) $(PY) -m pytest -p no:cacheprovider \
		tests/hub/test_openapi_fuzz.py tests/hub/test_staff_fuzz.py
	HUB_FUZZ_EXAMPLES=$(SOAK_EXAMPLES) $(PY) -m pytest -p no:cacheprovider \
		--hub-backend postgresql tests/hub/test_openapi_fuzz.py tests/hub/test_staff_fuzz.py

image-test: system-deps $(VENV)/.dev
	$(PY) -m pytest tests/deploy/test_image.py tests/deploy/test_boot.py \
		tests/deploy/test_boot_field.py tests/deploy/test_boot_power_cuts.py \
		tests/deploy/test_boot_update.py

SOAK_POWER_CUTS ?= 20
soak-image: system-deps $(VENV)/.dev
	BOOT_POWER_CUTS=$(SOAK_POWER_CUTS) $(PY) -m pytest -p no:cacheprovider \
		tests/deploy/test_boot_power_cuts.py

clean:
	rm -rf $(VENV) var build dist
