"""Fuzz the API from its own OpenAPI spec (schemathesis): no input makes the server fail (5xx),
every answer matches the spec, and invalid data is always refused."""

from __future__ import annotations

import subprocess
import sys

import pytest

from center.app import EXAMPLE
from center.stations import add_station
from visit_record.record import check_record_json

CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance,negative_data_rejection")


def test_the_specs_example_is_a_valid_record():
    assert check_record_json(EXAMPLE) == []


@pytest.mark.slow
def test_fuzzing_the_api_finds_no_server_error(engine, center_server, tmp_path):
    token = add_station(engine, EXAMPLE["station_id"])  # so the spec's example is accepted
    run = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run",
         f"{center_server.base_url}/api/v1/openapi.json",
         "--header", f"Authorization: Bearer {token}", "--checks", CHECKS,
         "--max-examples", "120", "--seed", "20251121", "--no-color",
         "--generation-database", "none", "--workers", "1",
         "--report", "junit", "--report-dir", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "passed" in run.stdout and "failed" not in run.stdout.split("SUMMARY")[-1]
