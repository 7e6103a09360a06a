"""The interview report as the app shows and keeps it: titled items with a kind verdict.

The engine writes the items (pace, filler words, pauses, job terms, structure); the app adds
eye contact, which only it can measure (``with_eye_contact``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

from vr_station.interview.eye_contact import EyeContactFigures
from vr_station.ui.texts import Texts


class Verdict(StrEnum):
    GOOD = "good"
    OK = "ok"
    WORK_ON = "work_on"
    INFO = "info"


@dataclass(frozen=True)
class ReportItem:
    key: str
    """What is measured: pace, fillers, pauses, terms, structure, eye_contact…"""
    title: str
    verdict: Verdict
    text: str
    """One or two kind, concrete sentences in the visitor's language."""


@dataclass(frozen=True)
class InterviewReport:
    language: str
    occupation_id: str
    items: tuple[ReportItem, ...]
    questions_answered: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


EYE_CONTACT_GOOD = 0.6
"""Share of the conversation; in everyday talk people look at each other 60–70 % of the
time while listening and somewhat less while speaking."""
EYE_CONTACT_OK = 0.35


def eye_contact_item(figures: EyeContactFigures, texts: Texts) -> ReportItem:
    share = figures.overall_share
    title = texts("report_eye_contact")
    if share is None:
        return ReportItem("eye_contact", title, Verdict.INFO, texts("report_eye_contact_unknown"))
    percent = texts.number(round(share * 100))
    if share >= EYE_CONTACT_GOOD:
        return ReportItem("eye_contact", title, Verdict.GOOD,
                          texts("report_eye_contact_good", percent=percent))
    if share >= EYE_CONTACT_OK:
        return ReportItem("eye_contact", title, Verdict.OK,
                          texts("report_eye_contact_ok", percent=percent))
    return ReportItem("eye_contact", title, Verdict.WORK_ON,
                      texts("report_eye_contact_low", percent=percent))


def with_eye_contact(report: InterviewReport, figures: EyeContactFigures,
                     texts: Texts) -> InterviewReport:
    items = tuple(i for i in report.items if i.key != "eye_contact")
    return replace(report, items=(*items, eye_contact_item(figures, texts)))
