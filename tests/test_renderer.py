"""The house renderer: one execution gives the interactive HTML and the static image."""

from __future__ import annotations

import re
import subprocess
import sys

import altair as alt
import pandas as pd
import pytest

from analysis.charts import renderer, theme

OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?https?:""")


@pytest.fixture
def chart() -> alt.Chart:
    data = pd.DataFrame({"year": [1970, 1971], "tiv": [870.0, 721.0]})
    return alt.Chart(data).mark_line().encode(x="year:Q", y="tiv:Q")


def test_bundle_has_both_mime_types(chart: alt.Chart) -> None:
    bundle = renderer.render(chart.to_dict())
    assert set(bundle) == {"text/html", "image/png"}
    assert bundle["image/png"].startswith(b"\x89PNG\r\n\x1a\n")


def test_setup_enables_the_renderer_and_theme(chart: alt.Chart, house_style: None) -> None:
    assert alt.renderers.active == renderer.NAME
    assert alt.theme.active == theme.THEME
    assert set(chart._repr_mimebundle_()) >= {"text/html", "image/png"}


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
    assert "vegaEmbed(" in fragment
    assert "http://" not in fragment and "https://" not in fragment
    assert not OUTSIDE.search(fragment)


def test_png_is_print_resolution(chart: alt.Chart) -> None:
    data = renderer.png(chart.to_dict())
    width = int.from_bytes(data[16:20], "big")
    assert width >= 2 * 400  # at least twice the chart's CSS width


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
