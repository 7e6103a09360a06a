"""Keep what identifies a person out of a visitor's free-text comment.

A comment is the only free text in a session record. Visitors sometimes leave a way to reach
them ("ruft mich an: 0170 1234567"); the center has no use for it and must not store it
(DSGVO Art. 5(1)(c), data minimisation). E-mail addresses, phone numbers and IBANs are
replaced by ``REDACTED`` before a record exists, on the station and again on the server.
"""

from __future__ import annotations

import re

REDACTED = "[entfernt]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# IBAN: two letters, two check digits, 11–30 letters or digits, optionally grouped by spaces.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# A phone number: seven or more digits with the separators people type (+49 170/123 45-67).
_PHONE = re.compile(r"(?<![\w.,])(?:\+|00)?\d[\d \t/().-]{5,}\d(?![\w])")
_MIN_PHONE_DIGITS = 7


def redact_personal_data(text: str) -> str:
    """``text`` with e-mail addresses, IBANs and phone numbers replaced by ``REDACTED``."""
    text = _EMAIL.sub(REDACTED, text)
    text = _IBAN.sub(REDACTED, text)
    return _PHONE.sub(_redact_phone, text)


def _redact_phone(match: re.Match[str]) -> str:
    number = match.group(0)
    digits = sum(c.isdigit() for c in number)
    if digits < _MIN_PHONE_DIGITS or _looks_like_date(number):
        return number
    return REDACTED


def _looks_like_date(text: str) -> bool:
    """21.11.2025 or 2025-11-21: dates are not personal and say when something went wrong."""
    return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}", text.strip()))
