"""Chart payloads for the vendored Chart.js: the numbers, and every label and value already
written the page language's way (Bangla digits, lakh/crore), so the script only draws.

Each payload is also the content of the chart's table alternative, which the template renders
without any script for screen readers and slow connections.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from portal.templatetags.hlp import digits, money, num
from practices.models import FundSource

from .cube import chart_value, count_text

LAKH = Decimal(100_000)
# Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito); every
# chart also has its table, and stacked series a legend, so no value is told by colour only.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def lakh_taka(amount):
    return float((Decimal(amount) / LAKH).quantize(Decimal("0.01")))


def series(label, values, texts, colour):
    return {"label": str(label), "data": values, "text": texts, "colour": colour}


def replications_chart(figures):
    rows = figures.replications_by_year
    return {
        "id": "replications-by-year",
        "type": "bar",
        "stacked": True,
        "unit": "count",
        "axis": _("replications"),
        "labels": [digits(row["fiscal_year"]) for row in rows],
        "datasets": [
            series(
                _("Completed"),
                [row["completed"] for row in rows],
                [num(row["completed"]) for row in rows],
                PALETTE[0],
            ),
            series(
                _("Ongoing"),
                [row["ongoing"] for row in rows],
                [num(row["ongoing"]) for row in rows],
                PALETTE[1],
            ),
        ],
    }


def budget_chart(figures):
    rows = figures.budget_by_year
    datasets = []
    for index, source in enumerate(figures.budget_sources):
        amounts = [row["spent"][source.value] for row in rows]
        datasets.append(
            series(
                FundSource(source).label,
                [lakh_taka(amount) for amount in amounts],
                [money(amount) for amount in amounts],
                PALETTE[index % len(PALETTE)],
            )
        )
    return {
        "id": "budget-by-year",
        "type": "bar",
        "stacked": True,
        "unit": "lakh",
        "axis": _("lakh taka spent"),
        "labels": [digits(row["fiscal_year"]) for row in rows],
        "datasets": datasets,
    }


def best_practices_chart(figures):
    rows = figures.best_practices_by_year
    return {
        "id": "best-practices-over-time",
        "type": "line",
        "stacked": False,
        "unit": "count",
        "axis": _("best practices"),
        "labels": [digits(row["fiscal_year"]) for row in rows],
        "datasets": [
            series(
                _("Best practices in total"),
                [row["total"] for row in rows],
                [num(row["total"]) for row in rows],
                PALETTE[2],
            ),
            series(
                _("New best practices"),
                [row["new"] for row in rows],
                [num(row["new"]) for row in rows],
                PALETTE[0],
            ),
        ],
    }


def beneficiaries_chart(figures):
    rows = figures.beneficiaries_by_theme
    label = _("Persons") if figures.uses_registry else _("Households reported")
    return {
        "id": "beneficiaries-by-theme",
        "type": "bar",
        "horizontal": True,
        "stacked": False,
        "unit": "count",
        "axis": str(label),
        # Withheld counts are drawn as 0 and written "<5" or "withheld": the figure is never sent.
        "labels": [row["theme"].name for row in rows],
        "datasets": [
            series(
                label,
                [chart_value(row["beneficiaries"]) for row in rows],
                [count_text(row["beneficiaries"]) for row in rows],
                PALETTE[2],
            )
        ],
    }


def funnel_chart(figures):
    rows = figures.funnel
    return {
        "id": "circular-pipeline",
        "type": "bar",
        "horizontal": True,
        "stacked": False,
        "unit": "count",
        "axis": _("practices"),
        "labels": [str(row["status"].label) for row in rows],
        "datasets": [
            series(
                _("Practices"),
                [row["practices"] for row in rows],
                [num(row["practices"]) for row in rows],
                PALETTE[0],
            )
        ],
    }


def top_practices_chart(figures):
    rows = figures.top_practices
    return {
        "id": "top-practices",
        "type": "bar",
        "horizontal": True,
        "stacked": False,
        "unit": "count",
        "axis": _("completed replications"),
        "labels": [row["practice"].display_title for row in rows],
        "datasets": [
            series(
                _("Completed replications"),
                [row["completed"] for row in rows],
                [num(row["completed"]) for row in rows],
                PALETTE[0],
            )
        ],
    }


def table_of(payload, first_column, links=None):
    """The chart as a table: a header row, then one row per label with each series' text."""
    head = [str(first_column)] + [dataset["label"] for dataset in payload["datasets"]]
    rows = []
    for index, label in enumerate(payload["labels"]):
        cells = [dataset["text"][index] for dataset in payload["datasets"]]
        rows.append({"label": label, "url": links[index] if links else "", "cells": cells})
    return {"head": head, "rows": rows}
