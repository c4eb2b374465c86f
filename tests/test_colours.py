"""One meaning per colour: the suppliers' blue and vermillion (and their neighbours orange
and sky blue) mark the Soviet Union and Russia only; every other category takes the book's
neutral colours."""

from __future__ import annotations

from analysis.charts import arms, diplomacy, theme, trade, votes

RESERVED = {
    theme.SUPPLIER_COLOURS["Soviet Union"],
    theme.SUPPLIER_COLOURS["Russia"],
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
}


def test_categories_use_neutral_colours_only() -> None:
    used = {
        "agreement kinds": set(diplomacy.KIND_COLOURS.values()),
        "event categories": set(diplomacy.CATEGORY_COLOURS.values()),
        "weapon categories": set(arms.CATEGORY_COLOURS.values()),
        "trade measures": {colour for colour, _ in trade.STYLES.values()},
        "votes": {votes.ALL_COLOUR},
    }
    assert {name: colours & RESERVED for name, colours in used.items() if colours & RESERVED} == {}
    assert set().union(*used.values()) <= set(theme.NEUTRAL) | {votes.ALL_COLOUR}


def test_the_same_name_has_the_same_colour_in_agreements_and_events() -> None:
    shared = diplomacy.KIND_COLOURS.keys() & diplomacy.CATEGORY_COLOURS.keys()
    assert shared
    assert {k: diplomacy.KIND_COLOURS[k] for k in shared} == {
        k: diplomacy.CATEGORY_COLOURS[k] for k in shared
    }


def test_every_kind_and_category_has_a_colour_of_its_own() -> None:
    for colours in (diplomacy.KIND_COLOURS, diplomacy.CATEGORY_COLOURS, arms.CATEGORY_COLOURS):
        assert len(set(colours.values())) == len(colours)
