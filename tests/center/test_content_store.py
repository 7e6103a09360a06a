"""Versioned content in the center's database (SQLite and PostgreSQL): drafts, check, publish,
history, diff, rollback and the stations' bundle."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalog.files import default_content_dir
from center import content_store as store

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
KOCH = "occupations/koch.yaml"
WELCOME = "Willkommen in einer Restaurantküche."

pytestmark = pytest.mark.slow  # every save checks the whole tree (seconds on a busy machine)


def test_the_first_version_is_the_servers_content_folder(engine):
    first = store.seed_if_empty(engine, default_content_dir(), NOW)
    assert first is not None and first.number == 1 and first.published_by == "System"
    shipped = sorted(p.relative_to(default_content_dir()).as_posix()
                     for p in default_content_dir().rglob("*.yaml"))
    assert sorted(first.files) == shipped
    assert first.files[KOCH] == store.sha256_hex((default_content_dir() / KOCH).read_bytes())
    assert store.seed_if_empty(engine, default_content_dir(), NOW) is None  # only once


def test_a_draft_is_checked_published_diffed_and_rolled_back(engine):
    first = store.seed_if_empty(engine, default_content_dir(), NOW)
    assert first is not None
    original = store.file_text(engine, KOCH)
    assert original is not None
    # A broken draft is kept, with its problem at the line, and cannot be published.
    broken = original.replace("summary:", "summry:", 1)
    problems = store.save_draft(engine, KOCH, broken.encode(), "inhalt", NOW)
    mine = [p for p in problems if p.path == KOCH]
    summry_line = broken.splitlines().index(next(line for line in broken.splitlines()
                                                 if line.startswith("summry:"))) + 1
    assert any(p.line == summry_line and "summry" in p.message for p in mine)
    assert mine[0].where.startswith("Zeile ")
    with pytest.raises(store.ContentRefused, match="Nicht veröffentlicht") as refused:
        store.publish(engine, "inhalt", "kaputt", NOW)
    assert refused.value.problems
    # Fixed: publish makes version 2 and clears the drafts.
    fixed = original.replace(WELCOME, "Willkommen in unserer Restaurantküche.")
    assert store.save_draft(engine, KOCH, fixed.encode(), "inhalt", NOW) == []
    assert [d.path for d in store.drafts(engine)] == [KOCH]
    second = store.publish(engine, "inhalt", "Begrüßung", NOW)
    assert (second.number, second.published_by, second.comment) == (2, "inhalt", "Begrüßung")
    assert store.drafts(engine) == []
    assert second.files[KOCH] != first.files[KOCH]
    assert {p: s for p, s in second.files.items() if p != KOCH} == \
        {p: s for p, s in first.files.items() if p != KOCH}
    changes = store.diff(engine, 1, 2)
    assert [(c.path, c.change) for c in changes] == [(KOCH, "geändert")]
    assert f"-          {WELCOME}" in "\n".join(changes[0].lines).replace(
        " Gleich beginnt der Mittagsservice. Schauen Sie", "")
    assert any(line.startswith("+") and "unserer Restaurantküche" in line for line in changes[0].lines)
    # Rollback publishes version 1's files again as version 3.
    third = store.rollback(engine, 1, "leitung", NOW)
    assert (third.number, third.restored_from) == (3, 1)
    assert third.files == first.files and third.manifest_sha256 == first.manifest_sha256
    assert third.etag != first.etag  # a new version, so stations move forward to it
    assert [v.number for v in store.history(engine)] == [3, 2, 1]


def test_an_uploaded_workplace_with_a_bad_path_or_encoding_is_refused(engine):
    store.seed_if_empty(engine, default_content_dir(), NOW)
    for path in ("../etc/passwd.yaml", "workplaces/Küche.yaml", "/abs.yaml", "workplaces/a.txt"):
        with pytest.raises(store.ContentRefused, match="kein gültiger Dateiname"):
            store.save_draft(engine, path, b"x: 1\n", "inhalt", NOW)
    with pytest.raises(store.ContentRefused, match="UTF-8"):
        store.save_draft(engine, "workplaces/neu.yaml", "ä".encode("latin-1"), "inhalt", NOW)
    problems = store.save_draft(engine, "workplaces/neu.yaml", b"schema_version: 1\n", "inhalt", NOW)
    assert any(p.path == "workplaces/neu.yaml" for p in problems)
    store.discard_draft(engine, "workplaces/neu.yaml")
    assert store.drafts(engine) == []


def test_the_bundle_holds_every_file_and_its_manifest(engine):
    version = store.seed_if_empty(engine, default_content_dir(), NOW)
    assert version is not None
    archive = zipfile.ZipFile(io.BytesIO(store.bundle(engine, version)))
    manifest = json.loads(archive.read(store.MANIFEST_NAME))
    assert manifest["version"] == 1 and manifest["manifest_sha256"] == version.manifest_sha256
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed == version.files
    for path, sha in listed.items():
        assert store.sha256_hex(archive.read(path)) == sha
    assert store.bundle(engine, version) == store.bundle(engine, version)  # same bytes each time
    assert Path(KOCH) in {Path(p) for p in listed}
