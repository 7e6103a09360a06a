"""The record's language is a BCP 47 tag: the five new visitor languages, Leichte Sprache as a
private-use tag, and nothing that is no tag."""

from __future__ import annotations

import pytest

from tests.vr_station.feedback.records import make_record
from visit_record.record import check_record_json


@pytest.mark.parametrize("code", ["de", "en", "uk", "ar", "tr", "ru", "de-x-ls", "pt-BR"])
def test_the_visitor_languages_are_valid_record_languages(code: str):
    data = make_record().to_json() | {"language": code}
    assert check_record_json(data) == []


@pytest.mark.parametrize("code", ["DE", "de_x_ls", "de-", "deutsch", "de-x-", "x-ls"])
def test_a_language_that_is_no_tag_is_refused(code: str):
    data = make_record().to_json() | {"language": code}
    assert any("language" in problem for problem in check_record_json(data))
