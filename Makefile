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

.PHONY: run test lint setup-run setup-test help

help:
	@echo "make run    start the station (XR if a runtime answers, else a window, else the headless demo)"
	@echo "make test   lint, type-check and run the whole test suite"

setup-run:
	@scripts/ensure-debian-packages.sh run
	@scripts/setup-venv.sh "$(RUN_EXTRAS)"

setup-test:
	@scripts/ensure-debian-packages.sh run test
	@scripts/setup-venv.sh "$(TEST_EXTRAS)"

run: setup-run
	$(BIN)/vr-station run --mode auto $(ARGS)

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)
