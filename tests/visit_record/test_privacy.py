"""Contact details are removed from comments; ordinary text stays as the visitor wrote it."""

import pytest

from visit_record.privacy import REDACTED, redact_personal_data


@pytest.mark.parametrize(("text", "expected"), [
    ("Schreiben Sie mir: erika.mustermann@example.org", f"Schreiben Sie mir: {REDACTED}"),
    ("Tel. 0170 1234567 bitte", f"Tel. {REDACTED} bitte"),
    ("ruf an +49 (30) 123 456-78!", f"ruf an {REDACTED}!"),
    ("030/12345678", REDACTED),
    ("IBAN DE89 3704 0044 0532 0130 00 für Spenden", f"IBAN {REDACTED} für Spenden"),
])
def test_contact_details_are_redacted(text, expected):
    assert redact_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "Die Tour war 5 von 5, die Küche mit 12 Stationen super.",
    "Am 21.11.2025 um 10:30 hat das Mikrofon nicht funktioniert.",
    "Version 2025-11-21 lief flüssig; 90 fps.",
    "Ausbildung dauert 36 Monate, Gehalt 1.200 bis 2.400 Euro",
])
def test_ordinary_comments_stay_unchanged(text):
    assert redact_personal_data(text) == text
