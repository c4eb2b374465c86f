"""The landing page's figure: the arms relationship on one scale, as the introduction draws
it, under a name of its own (a figure's name is its label and its CSV's file name)."""

from __future__ import annotations

import dataclasses

from analysis import charts
from analysis.data import Data
from analysis.figures import introduction


def deliveries(data: Data) -> charts.Figure:
    """The introduction's deliveries overview, named ``fig-summary-deliveries``."""
    return dataclasses.replace(introduction.deliveries(data), name="fig-summary-deliveries")
