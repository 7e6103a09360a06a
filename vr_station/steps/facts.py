"""Fact panels about an occupation: tasks, tools, where you work, training, certificate, pay.

Facts are split into units (a heading's list item, or a whole paragraph block such as the
training) so that a panel can show them a page at a time: a list longer than the layout zone
pages ("1/2 ▸") instead of dropping items.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.model import Occupation, pick
from vr_station.ui.panel import Panel
from vr_station.ui.texts import Texts

FACT_KINDS = ("tasks", "tools", "work_settings", "training", "school_certificate", "salary")
LIST_KINDS = ("tasks", "tools", "work_settings")


@dataclass(frozen=True)
class FactUnit:
    """One piece a facts page shows: an item of a list kind, or a whole block of another kind."""

    kind: str
    item: str | None = None
    """The list item; None for a block kind (training, certificate, salary)."""
    part: str | None = None
    """A block split in two so that each half fits a page: the pay's ``amounts`` and their
    ``sources`` (in Russian or easy language, the two sources alone fill half the zone); the
    training's ``summary`` (kind, duration) and its ``note`` (in Russian the whole block was
    taller than the details zone even at the smallest text size, and reached into the
    captions' zone)."""


def fact_units(occupation: Occupation, kinds: tuple[str, ...], language: str) -> list[FactUnit]:
    """Every fact of ``kinds`` in order, none left out."""
    units: list[FactUnit] = []
    for kind in kinds:
        if kind in LIST_KINDS:
            units += [FactUnit(kind, item) for item in pick(getattr(occupation, kind), language)]
        elif kind == "salary":
            units += [FactUnit(kind, part="amounts"), FactUnit(kind, part="sources")]
        elif kind == "training":
            units += [FactUnit(kind, part="summary")]
            if occupation.training.note:
                units.append(FactUnit(kind, part="note"))
        else:
            units.append(FactUnit(kind))
    return units


def add_facts(panel: Panel, occupation: Occupation, units: list[FactUnit], t: Texts) -> None:
    """Add ``units`` to ``panel``, with a heading before each kind's first unit on the page."""
    language = t.language
    kind_shown: str | None = None
    bullets: list[str] = []

    def flush() -> None:
        if bullets:
            panel.bullets(bullets)
            bullets.clear()

    for unit in units:
        if unit.kind != kind_shown:
            flush()
            panel.heading(t(f"facts_{unit.kind}"))
            kind_shown = unit.kind
        if unit.item is not None:
            bullets.append(unit.item)
        else:
            _add_block(panel, occupation, unit, t, language)
    flush()


def _add_block(panel: Panel, occupation: Occupation, unit: FactUnit, t: Texts, language: str) -> None:
    kind = unit.kind
    if kind == "training":
        training = occupation.training
        if unit.part != "note":
            panel.paragraph(t(f"training_{training.kind}"))
            panel.paragraph(t("training_duration", years=t.years(training.duration_months)))
        if unit.part != "summary" and training.note:
            panel.paragraph(pick(training.note, language), muted=True, small=True)
    elif kind == "school_certificate":
        certificate = occupation.school_certificate
        panel.paragraph(t(f"certificate_{certificate.usual}"))
        if certificate.note:
            panel.paragraph(pick(certificate.note, language), muted=True, small=True)
    elif kind == "salary":
        salary = occupation.salary
        if unit.part != "sources":
            for key, money in (("salary_training", salary.training),
                               ("salary_after", salary.after_training)):
                panel.paragraph(t(key, range=t.euro_range(money.min_eur, money.max_eur,
                                                          money.approximate)))
        if unit.part != "amounts":
            for money in (salary.training, salary.after_training):
                panel.paragraph(t("salary_source", year=money.year,
                                  source=pick(money.source, language)), muted=True, small=True)
