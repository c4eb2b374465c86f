"""The house renderer: a chart cell emits the spec under the book's mime type; the HTML
fragment fits the chart to its column; the print image keeps the authored width."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from analysis import charts
from analysis.charts import renderer, theme

OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?https?:""")
CALL = "bookChart("


@pytest.fixture
def chart() -> alt.Chart:
    data = pd.DataFrame({"year": [1970, 1971], "tiv": [870.0, 721.0]})
    return alt.Chart(data).mark_line().encode(x="year:Q", y="tiv:Q")


def call(fragment: str) -> list[object]:
    """The arguments an HTML fragment passes to ``bookChart``: id, spec, variants, options."""
    decoder, at, found = json.JSONDecoder(), fragment.index(CALL) + len(CALL), []
    for _ in range(4):
        value, at = decoder.raw_decode(fragment, at)
        found.append(value)
        at += len(", ")
    assert fragment[at - 2 :].startswith(");</script>")
    return found


def drawn(fragment: str) -> list[dict]:
    """The specs ``bookChart`` draws, each with its width: the spec, patched as the script
    patches it for each variant."""
    _, spec, variants, _ = call(fragment)
    result = []
    for variant in variants:
        patched = copy.deepcopy(spec)
        for path, value in variant.get("patches", []):
            node = patched
            for key in path[:-1]:
                node = node[key] if isinstance(node, list) else node.setdefault(key, {})
            node[path[-1]] = value
        result.append({"width": variant["width"], "spec": patched})
    return result


def test_a_cell_emits_the_spec_and_no_image(chart: alt.Chart, tmp_path: Path) -> None:
    data = pd.DataFrame(
        {"year": [1970], "release": ["2022"], "citation": ["key_a; key_b"], "unit": ["TIV"]}
    )
    figure = charts.Figure("fig-test", chart.properties(width=500), data, "Two years of TIV.")
    shown = charts.export(figure, tmp_path)
    bundle = shown._repr_mimebundle_()
    assert set(bundle) == {renderer.MIME, "text/plain"}
    content = bundle[renderer.MIME]
    assert content["name"] == "fig-test"
    assert content["spec"]["description"] == "Two years of TIV." == bundle["text/plain"]
    assert content["spec"]["width"] == 500
    assert content["metadata"]["releases"] == ["2022"]
    assert content["metadata"]["citations"] == ["key_a", "key_b"]
    assert content["metadata"]["units"] == ["TIV"]
    assert json.loads(json.dumps(content)) == content  # a notebook can store it
    # The caption's download link reads what export wrote.
    assert (tmp_path / "fig-test.csv").read_text(encoding="utf-8").startswith("year,release")


def test_setup_switches_the_theme_only(chart: alt.Chart) -> None:
    renderers = alt.renderers.active
    charts.setup()
    assert alt.theme.active == theme.THEME
    assert alt.renderers.active == renderers
    assert chart.to_dict()["config"]["font"] == theme.FONT


def test_importing_charts_changes_nothing() -> None:
    """Only ``charts.setup`` switches Altair: importing the package is free of side effects."""
    code = (
        "import altair as alt; import analysis.charts; "
        "print(alt.renderers.active, alt.theme.active)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["default", "default"]


def test_html_loads_nothing_from_outside(chart: alt.Chart) -> None:
    fragment = renderer.html(chart.to_dict())
    assert "bookChart(" in fragment
    assert "http://" not in fragment and "https://" not in fragment
    assert not OUTSIDE.search(fragment)


def test_a_single_or_layered_chart_takes_its_containers_width(chart: alt.Chart) -> None:
    layered = alt.layer(chart.properties(width=300), chart).properties(width=620)
    for spec in (chart.properties(width=620).to_dict(), layered.to_dict()):
        (variant,) = drawn(renderer.html(spec))
        assert variant["width"] == "container"
        fitted = variant["spec"]
        assert fitted["width"] == "container"
        assert fitted["autosize"] == {"type": "fit-x", "contains": "padding"}
        assert all("width" not in view for view in fitted.get("layer", []))


def test_a_composed_chart_comes_at_each_variant_width(chart: alt.Chart) -> None:
    panel = chart.properties(width=280)
    composed = alt.vconcat(alt.hconcat(panel, panel, spacing=20), chart.properties(width=500))
    spec = composed.to_dict()
    assert renderer.inner_width(spec) == 580
    variants = drawn(renderer.html(spec))
    assert [v["width"] for v in variants] == sorted(renderer.VARIANT_WIDTHS, reverse=True)
    for variant in variants:
        # Panel widths scale, the 20 px between two panels stays.
        assert abs(renderer.inner_width(variant["spec"]) - variant["width"]) <= 20
        assert "container" not in json.dumps(variant["spec"])
        # The legend is laid out for the variant's width.
        assert variant["spec"]["config"]["legend"]["columns"] >= 1


def test_a_variant_is_the_spec_with_its_widths_and_text_changed(chart: alt.Chart) -> None:
    panel = chart.properties(width=280)
    spec = alt.hconcat(panel, panel).properties(title="a source").to_dict()
    del spec["$schema"]  # an identifier the page leaves out
    fragment = renderer.html(spec)
    assert fragment.count("870.0") == 1  # the data once, not once per variant
    for variant in drawn(fragment):
        assert variant["spec"] == renderer.at_width(spec, variant["width"])
    _, _, variants, _ = call(fragment)
    changed = {tuple(path) for variant in variants for path, _ in variant["patches"]}
    assert changed == {
        ("hconcat", 0, "width"),
        ("hconcat", 1, "width"),
        ("config", "view", "continuousWidth"),
        ("config", "legend", "columns"),
        ("config", "legend", "labelLimit"),
        ("title",),
    }


def test_a_long_source_line_wraps_to_the_width_at_hand(chart: alt.Chart) -> None:
    source = "a source line long enough to need two lines on a phone, and one on a desktop"
    spec = theme.with_source(chart, source).to_dict()
    (fitted,) = drawn(renderer.html(spec))
    expression = fitted["spec"]["title"]["text"]["expr"]
    assert "containerSize()[0]" in expression
    assert json.dumps([f"Source: {source}"]) in expression  # one line when there is room
    composed = renderer.at_width(alt.vconcat(chart, chart).properties(title=source).to_dict(), 260)
    lines = composed["title"]["text"]
    assert len(lines) > 1 and " ".join(lines) == source
    assert max(map(len, lines)) * theme.LABEL_ADVANCE * theme.FONT_SIZE <= 260 + 40


def test_a_takeaway_title_and_its_subtitle_wrap_at_every_width(chart: alt.Chart) -> None:
    takeaway = "Soviet deliveries peaked in the mid-1970s; Russia's never came close after 1991"
    measured = "Arms deliveries to Syria per year, 1950\u20132024; SIPRI TIV, millions"
    spec = theme.titled(theme.with_source(chart, "a source"), takeaway, measured).to_dict()
    assert spec["title"]["orient"] == "top"
    assert theme.source_line(spec["title"]) == "a source"
    (fitted,) = drawn(renderer.html(spec))
    for key in ("text", "subtitle"):
        assert "containerSize()[0]" in fitted["spec"]["title"][key]["expr"]
    # A phone's column: each line within the room the chart has, the subtitle's two parts
    # (what is measured, the source) on lines of their own.
    narrow = renderer.at_width(
        alt.vconcat(chart, chart).properties(title=spec["title"]).to_dict(), 260
    )
    title = narrow["title"]
    assert " ".join(title["text"]) == takeaway
    bold = theme.TITLE_SIZE * renderer.BOLD * theme.LABEL_ADVANCE
    assert max(map(len, title["text"])) * bold <= 260 + renderer.AXIS_ALLOWANCE
    assert title["subtitle"][-1] == "Source: a source"
    # The print image wraps them for the authored width.
    image = renderer.svg(chart.properties(width=300, title=spec["title"]).to_dict())
    assert image.count("<tspan") > 2


def test_a_faceted_chart_is_composed_and_scaled(chart: alt.Chart) -> None:
    data = pd.DataFrame({"year": [1970, 1971], "tiv": [1.0, 2.0], "kind": ["a", "b"]})
    faceted = alt.Chart(data).mark_line().encode(x="year:Q", y="tiv:Q").properties(width=400)
    spec = faceted.facet(row="kind:N").to_dict()
    assert renderer.is_composed(spec)
    narrow = renderer.at_width(spec, 200)
    assert narrow["spec"]["width"] == 200
    assert spec["spec"]["width"] == 400  # the print spec is left as it was


def test_print_image_keeps_the_authored_width(chart: alt.Chart) -> None:
    spec = chart.properties(width=620).to_dict()
    width = int(re.search(r'<svg[^>]* width="(\d+)"', renderer.svg(spec))[1])
    assert 620 < width < 720  # the plot plus its axis and padding
    png = renderer.png(spec)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == width * renderer.PNG_SCALE


def test_the_font_stack_draws_noto_sans(chart: alt.Chart) -> None:
    """vl-convert takes the first installed face of the theme's stack, as a browser does."""
    labelled = chart.mark_text().encode(text=alt.value("Дамаск Damascus"))
    assert theme.FONT.startswith("Noto Sans, ")

    def image(font: str) -> bytes:
        return renderer.png(labelled.configure(font=font).configure_text(font=font).to_dict())

    assert image(theme.FONT) == image("Noto Sans") != image("DejaVu Sans")


def test_markup_in_data_cannot_close_the_script(chart: alt.Chart) -> None:
    evil = pd.DataFrame({"year": [1970], "tiv": [1.0], "label": ["</script><script>alert(1)"]})
    spec = alt.Chart(evil).mark_point().encode(x="year:Q", y="tiv:Q", tooltip="label:N")
    fragment = renderer.html(spec.to_dict())
    assert "</script><script>alert" not in fragment
    assert fragment.count("</script>") == 1


def test_same_spec_same_html(chart: alt.Chart) -> None:
    assert renderer.html(chart.to_dict()) == renderer.html(chart.to_dict())


def test_bundle_runs_in_its_own_scope() -> None:
    bundle = renderer.javascript_bundle()
    assert bundle.startswith("(function () {")
    assert bundle.rstrip().endswith("})();")
    assert "window.vegaEmbed" in bundle
    assert "window.bookChart = function" in bundle
