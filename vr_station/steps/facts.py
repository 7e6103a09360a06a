"""Fact panels about an occupation: tasks, tools, where you work, training, certificate, pay."""

from __future__ import annotations

from catalog.model import Occupation, pick
from vr_station.ui.panel import Panel
from vr_station.ui.texts import Texts

FACT_KINDS = ("tasks", "tools", "work_settings", "training", "school_certificate", "salary")
MAX_ITEMS = 5
"""A panel is read at a glance; the rest is in the narration and the interview."""


def add_facts(panel: Panel, occupation: Occupation, kinds: tuple[str, ...], t: Texts) -> None:
    """Add a heading and the facts of each kind in ``kinds`` (see ``FACT_KINDS``) to ``panel``."""
    language = t.language
    for kind in kinds:
        panel.heading(t(f"facts_{kind}"))
        if kind in ("tasks", "tools", "work_settings"):
            items = pick(getattr(occupation, kind), language)
            panel.bullets(items[:MAX_ITEMS])
        elif kind == "training":
            training = occupation.training
            panel.paragraph(t(f"training_{training.kind}"))
            panel.paragraph(t("training_duration", years=t.years(training.duration_months)))
            if training.note:
                panel.paragraph(pick(training.note, language), muted=True, small=True)
        elif kind == "school_certificate":
            certificate = occupation.school_certificate
            panel.paragraph(t(f"certificate_{certificate.usual}"))
            if certificate.note:
                panel.paragraph(pick(certificate.note, language), muted=True, small=True)
        elif kind == "salary":
            salary = occupation.salary
            for key, money in (("salary_training", salary.training),
                               ("salary_after", salary.after_training)):
                panel.paragraph(t(key, range=t.euro_range(money.min_eur, money.max_eur,
                                                          money.approximate)))
            for money in (salary.training, salary.after_training):
                panel.paragraph(t("salary_source", year=money.year,
                                  source=pick(money.source, language)), muted=True, small=True)
