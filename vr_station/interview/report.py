"""The engine's interview report as the report panel shows it.

There is one report type, ``interview_engine.report.InterviewReport``: it is what the panel
shows, what a visitor may keep and what the demo saves. Eye contact is in it because the room
reports it per answer and for the whole interview (``InterviewSession.report_eye_contact``,
``report_overall_eye_contact``). This module only picks what
fits on a panel (a few figures, each with a kind verdict against the language's targets) and
labels it with the printed report's labels (content/interview.yaml ``report``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from interview_engine.feedback import EYE_CONTACT_GOOD, EYE_CONTACT_LOW
from interview_engine.report import InterviewReport, eye_contact_percent


class Verdict(StrEnum):
    """How a figure went, shown as a coloured dot: good, fine, to work on, or just for information."""

    GOOD = "good"
    OK = "ok"
    WORK_ON = "work_on"
    INFO = "info"


@dataclass(frozen=True)
class ReportLine:
    """One line of the report panel: a figure, its verdict and its text."""

    key: str
    """What is measured: pace, fillers, pauses, terms, eye_contact."""
    label_key: str
    """The report label of its title (content/interview.yaml ``report``: ``wpm`` …)."""
    title: str
    verdict: Verdict
    text: str
    """The figure, with its target where there is one."""


Number = Callable[..., str]
"""``Texts.number(value, decimals)``: numbers written the language's way."""


class ReportLabels:
    """The printed report's labels in one language."""

    def __init__(self, labels: Mapping[str, Mapping[str, str]], language: str) -> None:
        self._labels = labels
        self.language = language

    def __call__(self, key: str) -> str:
        """The label ``key`` in this language, else in German, else the key itself."""
        texts = self._labels.get(key, {})
        return texts.get(self.language) or texts.get("de") or key


def report_lines(report: InterviewReport, labels: ReportLabels, number: Number) -> list[ReportLine]:
    """The figures of the whole interview that the panel shows, in this order.

    Figures that were not measured (typed answers have no timings) are left out, not shown as
    zero, as the printout leaves them out. Eye contact is the report's figure, in the percent
    every view shows.
    """
    overall, targets = report.overall, report.targets
    target = labels("target")
    lines = []
    if overall.wpm is not None:
        good = targets.wpm_min <= overall.wpm <= targets.wpm_max
        lines.append(ReportLine(
            "pace", "wpm", labels("wpm"), Verdict.GOOD if good else Verdict.WORK_ON,
            f"{number(overall.wpm)} ({target} {number(targets.wpm_min)}–{number(targets.wpm_max)})"))
    if overall.fillers_per_min is not None:
        good = overall.fillers_per_min <= targets.fillers_per_min_max
        lines.append(ReportLine(
            "fillers", "fillers_per_min", labels("fillers_per_min"),
            Verdict.GOOD if good else Verdict.WORK_ON,
            f"{number(overall.fillers_per_min, 1)} ({target} ≤ {number(targets.fillers_per_min_max)})"))
    if overall.long_pause_count is not None:
        text = number(overall.long_pause_count)
        if overall.long_pause_count and overall.longest_pause_s is not None:
            text += f" · {labels('longest_pause')} {number(overall.longest_pause_s, 1)} {labels('seconds')}"
        lines.append(ReportLine("pauses", "long_pauses", labels("long_pauses"), Verdict.INFO, text))
    lines.append(ReportLine("terms", "terms_used", labels("terms_used"),
                            Verdict.GOOD if overall.terms_used else Verdict.OK,
                            ", ".join(overall.terms_used) or "–"))
    eye = overall.eye_contact
    if eye is not None:
        verdict = Verdict.GOOD if eye >= EYE_CONTACT_GOOD else \
            Verdict.OK if eye >= EYE_CONTACT_LOW else Verdict.WORK_ON
        lines.append(ReportLine("eye_contact", "eye_contact", labels("eye_contact"), verdict,
                                f"{number(eye_contact_percent(eye))} %"))
    return lines
