"""One chart output, rendered per builder.

A chart cell emits the chart's Vega-Lite specification under the book's own mime type
(``MIME``), with the figure's name and a metadata sidecar, and nothing else: no image is
made while the notebook executes. The Sphinx side (``analysis.sphinx_ext``) turns it into
the interactive chart for the HTML builder (``html``: drawn by the vega bundle the book ships
in its own ``_static``, never a CDN) and into a print image for the LaTeX builder
(``svg`` then ``png``, made by vl-convert at build time).

The print image keeps the chart's authored width. In the HTML a single or layered chart
takes its container's width; a concatenated or faceted chart, which cannot, is offered at
a few widths (``VARIANT_WIDTHS``) and ``bookChart`` (in the script bundle) draws the widest
that fits. Either way the source line is wrapped and the legends set in columns for the
width at hand (the title and its subtitle too). Era labels choose their length for the
plot's width when drawn (``theme.era_bands``).

To a screen reader an HTML chart is one image named by the figure's description (its data
are offered as CSV beside it): the SVG gets ``role="img"`` and that ``aria-label``, and
Vega's marks and guides stay out of the accessibility tree (an unnamed mark would be an
image without a text alternative). The chart sits on a card (``CARD``) that the book's
stylesheet makes a light panel in dark mode, so its own colours stay readable there.
"""

from __future__ import annotations

import copy
import hashlib
import json
import textwrap
from collections.abc import Iterator
from typing import Any

import altair as alt
import vl_convert as vlc

from analysis.charts import theme

MIME = "application/vnd.moscow-damascus.chart+json"
PNG_SCALE = 3  # ~ 190 dpi at the book's text width
# Inner (plot) widths, in CSS pixels, of the variants of a composed chart: a phone, a narrow
# column, and the width the charts are drawn for in print.
VARIANT_WIDTHS = (260, 440, theme.WIDTH)
# The spec's "$schema" URL is only an identifier; dropping it and naming the mode keeps
# every URL out of the page.
# The config vega-embed merges under the spec's own keeps Vega's marks and guides out of the
# accessibility tree: a screen reader hears the chart as one image (see ``CHART_SCRIPT``).
EMBED_OPTIONS = {
    "renderer": "svg",
    "actions": False,
    "mode": "vega-lite",
    "config": {"aria": False, "mark": {"aria": False}},
}
COMPOSED = ("hconcat", "vconcat", "concat", "facet", "repeat")
CARD = "chart-card"
# A chart narrower than its source line or legend would cut them off, so both are laid out
# for the width at hand: the line re-wrapped at each of these content widths, the legend's
# entries in columns of LEGEND_ENTRY pixels, a label at most the width less its symbol.
BREAKPOINTS = range(200, 1001, 40)
LEGEND_ENTRY = 160
LEGEND_SYMBOL = 30
AXIS_ALLOWANCE = 40  # what a y axis adds to a fixed-width chart's inner width, about
# The width a chart drawn as wide as its container has inside its padding (Vega expression).
ROOM = f"(containerSize()[0] - {2 * theme.PADDING})"
# ``bookChart(id, spec, variants, options)``, defined by the book's script bundle, draws a
# chart into the element ``id``. A chart as wide as its container (one variant, of width
# "container") is drawn once: Vega follows the container's width. Otherwise each variant
# is the spec with a few values changed (``patches``: [path, value] pairs), and the widest
# variant whose SVG fits the container is drawn, again whenever the container's width
# changes; ``data-width`` records its inner width. The SVG's own width (CSS may scale it
# down) tells what axes and legends add to the inner width, and from the second drawing on
# that overhead picks the variant.
CHART_SCRIPT = """window.bookChart = function (id, spec, variants, options) {
  const element = document.getElementById(id);
  const embed = async (drawn) => {
    const result = await vegaEmbed(element, drawn, options);
    const svg = element.querySelector(":scope > svg");
    if (svg && spec.description) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", spec.description);
      // A selection's brush is a mark the spec cannot hide (no aria option).
      for (const mark of svg.querySelectorAll("[role]:not([aria-label])")) {
        mark.setAttribute("aria-hidden", "true");
      }
    }
    return result;
  };
  if (variants[0].width === "container") {
    embed(spec).catch(console.error);
    return;
  }
  const patched = (index) => {
    const copy = structuredClone(spec);
    for (const [path, value] of variants[index].patches) {
      const parent = path.slice(0, -1).reduce((node, key) => (node[key] ??= {}), copy);
      parent[path[path.length - 1]] = value;
    }
    return copy;
  };
  const last = variants.length - 1;
  let drawn = null;
  let room = null;
  let overhead = null;
  const fitting = (from) => {
    const index = variants.findIndex((v, i) => i >= from && v.width + overhead <= room);
    return index < 0 ? last : index;
  };
  const draw = async () => {
    if (element.clientWidth === room) return;
    room = element.clientWidth;
    let index = overhead === null ? 0 : fitting(0);
    for (;;) {
      if (drawn) drawn.finalize();
      drawn = await embed(patched(index));
      element.dataset.width = variants[index].width;
      const svg = element.querySelector(":scope > svg");
      const width = svg ? svg.width.baseVal.value : 0;
      overhead = width - variants[index].width;
      if (width <= room || index === last) return;
      index = fitting(index + 1);
    }
  };
  let queue = Promise.resolve();
  const redraw = () => { queue = queue.then(draw).catch(console.error); };
  new ResizeObserver(redraw).observe(element);
  redraw();
};"""


def vega_lite_version() -> str:
    """The Vega-Lite minor version Altair writes specifications for, e.g. ``"6.4"``."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: no ``</script>``, ``<!--`` or ``&``."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def digest(spec: dict[str, Any]) -> str:
    """A short name for a specification: equal specs, equal names."""
    return hashlib.sha256(script_json(spec).encode()).hexdigest()[:12]


def output(name: str, spec: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    """The mime bundle of a chart cell: the book's chart type, and the description as text
    for any other reader of the notebook."""
    return {
        MIME: {"name": name, "spec": spec, "metadata": metadata},
        "text/plain": spec.get("description") or name,
    }


def is_composed(spec: dict[str, Any]) -> bool:
    """Whether a chart is concatenated, faceted or repeated (no container width then)."""
    return any(key in spec for key in COMPOSED)


def _views(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every view of a specification that may carry a width: itself and its sub-views."""
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _views(part)
    if isinstance(spec.get("spec"), dict):
        yield from _views(spec["spec"])


def _config_width(spec: dict[str, Any]) -> float:
    return spec.get("config", {}).get("view", {}).get("continuousWidth", 300)


def inner_width(spec: dict[str, Any], default: float | None = None) -> float:
    """The plot width of a chart as authored: the widest row of its panels, in pixels
    (spacing included); a width given in steps counts as the default width."""
    default = _config_width(spec) if default is None else default
    width = spec.get("width")
    own = width if isinstance(width, int | float) else None
    if "layer" in spec:
        parts = [inner_width(part, own or default) for part in spec["layer"]]
        return own or max(parts, default=default)
    if "hconcat" in spec:
        parts = [inner_width(part, default) for part in spec["hconcat"]]
        return sum(parts) + spec.get("spacing", 20) * (len(parts) - 1)
    if "vconcat" in spec or "concat" in spec:
        return max(inner_width(part, default) for part in spec.get("vconcat", spec.get("concat")))
    if isinstance(spec.get("spec"), dict):
        return inner_width(spec["spec"], default) * max(1, spec.get("columns", 1))
    return own or default


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines of about ``width`` pixels at font ``size`` (average advance); a
    newline in ``text`` always starts a new line."""
    chars = max(12, int(width / (theme.LABEL_ADVANCE * size)))
    return [line for part in text.split("\n") for line in textwrap.wrap(part, chars) or [part]]


BOLD = 1.15  # how much wider a bold face sets than the average advance


def _title_parts(spec: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """The parts of the chart's title (``text``, the takeaway or the house source line, and
    ``subtitle``) that are one string each, with the font size they are wrapped for."""
    title = spec.get("title")
    title = title if isinstance(title, dict) else {"text": title}
    config = spec.get("config", {}).get("title", {})
    style = {**config, **title}
    sizes = {
        "text": style.get("fontSize", theme.FONT_SIZE)
        * (BOLD if style.get("fontWeight") == "bold" else 1),
        "subtitle": style.get("subtitleFontSize", theme.FONT_SIZE),
    }
    return {
        key: (title[key], size) for key, size in sizes.items() if isinstance(title.get(key), str)
    }


def _set_title(spec: dict[str, Any], key: str, value: object) -> None:
    title = spec["title"]
    spec["title"] = {**title, key: value} if isinstance(title, dict) else {key: value}


def _fit_titles(spec: dict[str, Any], width: float) -> None:
    """Wrap the title and subtitle for a chart ``width`` pixels wide overall."""
    for key, (text, size) in _title_parts(spec).items():
        _set_title(spec, key, wrap(text, width, size))


def _legend_config(spec: dict[str, Any]) -> dict[str, Any]:
    return spec.setdefault("config", {}).setdefault("legend", {})


def _fit_text(spec: dict[str, Any], width: float) -> None:
    """Lay the source line and the legends out for a chart ``width`` pixels wide overall:
    the line wrapped, the legend's entries in as many columns as fit, long labels cut
    short (with an ellipsis) rather than off."""
    _fit_titles(spec, width)
    legend = _legend_config(spec)
    legend["columns"] = max(1, int(width // LEGEND_ENTRY))
    legend["labelLimit"] = min(legend.get("labelLimit", width), width - LEGEND_SYMBOL)


def at_width(spec: dict[str, Any], width: float) -> dict[str, Any]:
    """The chart with every fixed width, and the default width of the views that set none,
    scaled so that its widest row is ``width`` wide; its text laid out for that width."""
    factor = width / inner_width(spec)
    scaled = copy.deepcopy(spec)
    for view in _views(scaled):
        if isinstance(view.get("width"), int | float):
            view["width"] = round(view["width"] * factor)
    view_config = scaled.setdefault("config", {}).setdefault("view", {})
    view_config["continuousWidth"] = round(_config_width(spec) * factor)
    _fit_text(scaled, width + AXIS_ALLOWANCE)
    return scaled


def _by_container(choices: dict[int, object]) -> dict[str, str]:
    """A Vega expression: the choice of the widest breakpoint the chart's room reaches
    (below them all, the narrowest's)."""
    (_, narrowest), *wider = sorted(choices.items())
    expression = json.dumps(narrowest, ensure_ascii=False)
    for at, choice in wider:
        expression = f"{ROOM} >= {at} ? {json.dumps(choice, ensure_ascii=False)} : ({expression})"
    return {"expr": expression}


def fit_container(spec: dict[str, Any]) -> dict[str, Any]:
    """A single or layered chart as wide as its container, padding included, with its
    source line and legends laid out anew whenever the container's width changes."""
    fitted = copy.deepcopy(spec)
    for view in _views(fitted):
        view.pop("width", None)
    fitted["width"] = "container"
    # Only the width follows the container: the plot keeps its height, the title above it
    # and the legends below adding theirs.
    fitted["autosize"] = {"type": "fit-x", "contains": "padding"}
    for key, (text, size) in _title_parts(fitted).items():
        wrappings: dict[int, list[str]] = {}
        for at in BREAKPOINTS:  # each distinct wrapping from the narrowest room that takes it
            lines = wrap(text, at, size)
            if lines not in wrappings.values():
                wrappings[at] = lines
        _set_title(fitted, key, _by_container(wrappings))
    legend = _legend_config(fitted)
    limit = legend.get("labelLimit", max(BREAKPOINTS))
    legend["columns"] = {"expr": f"max(1, floor({ROOM} / {LEGEND_ENTRY}))"}
    legend["labelLimit"] = {
        "expr": f"max(40, min({limit}, {ROOM} - {LEGEND_SYMBOL} - {AXIS_ALLOWANCE}))"
    }
    return fitted


def patches(base: Any, changed: Any, path: tuple[str | int, ...] = ()) -> list[list[Any]]:
    """What turns ``base`` into ``changed``: [path, value] pairs, a path being the keys
    and indices down to the value (``changed`` only sets or adds values)."""
    if isinstance(base, dict) and isinstance(changed, dict):
        return [
            patch
            for key, value in changed.items()
            for patch in patches(base.get(key), value, (*path, key))
        ]
    if isinstance(base, list) and isinstance(changed, list) and len(base) == len(changed):
        return [
            patch
            for index, (old, new) in enumerate(zip(base, changed, strict=True))
            for patch in patches(old, new, (*path, index))
        ]
    return [] if base == changed else [[list(path), changed]]


def variants(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The composed chart at each of ``VARIANT_WIDTHS``, widest first, each as the changes
    it makes to ``spec``."""
    return [
        {"width": width, "patches": patches(spec, at_width(spec, width))}
        for width in sorted(VARIANT_WIDTHS, reverse=True)
    ]


def html(spec: dict[str, Any]) -> str:
    """The chart as an HTML fragment: a container on a card and a call to ``bookChart``
    with the chart fitted to the container or, when composed, with its variant widths."""
    spec = {key: value for key, value in spec.items() if key != "$schema"}
    element = f"vega-{digest(spec)}"
    if is_composed(spec):
        kind, drawn, ways = "vega-variants", spec, variants(spec)
    else:
        kind, drawn, ways = "vega-fit", fit_container(spec), [{"width": "container"}]
    arguments = ", ".join(script_json(value) for value in (element, drawn, ways, EMBED_OPTIONS))
    return (
        f'<div class="{CARD}"><div id="{element}" class="vega-chart {kind}"></div></div>\n'
        f"<script>bookChart({arguments});</script>"
    )


def svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG at its authored (print) width, its title wrapped for it."""
    spec = copy.deepcopy(spec)
    _fit_titles(spec, inner_width(spec) + AXIS_ALLOWANCE)
    return vlc.vegalite_to_svg(spec, vl_version=vega_lite_version())


def png(spec: dict[str, Any]) -> bytes:
    """The chart as a PNG at print resolution."""
    return raster(svg(spec))


def raster(image: str) -> bytes:
    """A chart's SVG as a PNG at print resolution (what ``png`` makes, without drawing the
    chart again when its SVG is at hand)."""
    return vlc.svg_to_png(image, scale=PNG_SCALE)


def javascript_bundle() -> str:
    """Vega, Vega-Lite, vega-embed and ``bookChart`` as one script for the book's ``_static``.

    vl-convert's bundle declares top-level names (``_`` among them) that would clobber
    Sphinx's globals, so it runs inside its own function scope; it exports ``vegaEmbed``,
    ``vega`` and ``vegaLite`` on ``window`` itself, and ``bookChart`` is set there too.
    """
    vega = vlc.javascript_bundle(vl_version=vega_lite_version())
    return f"(function () {{\n{vega}\n{CHART_SCRIPT}\n}})();\n"
