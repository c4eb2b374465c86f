"""One Altair renderer for both outputs of the book.

A single execution of a chart cell yields a mimebundle with ``text/html`` (the interactive
chart, drawn by the vega bundle the book ships in its own ``_static``, never a CDN) and
``image/png`` (a static image at print resolution made by vl-convert). MyST-NB's per-builder
priorities then give the HTML builder the first and the LaTeX builder the second.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import altair as alt
import vl_convert as vlc

NAME = "book"
PNG_SCALE = 3  # ~ 190 dpi at the book's text width
# The spec's "$schema" URL is only an identifier; dropping it and naming the mode keeps
# every URL out of the page.
EMBED_OPTIONS = {"renderer": "svg", "actions": False, "mode": "vega-lite"}


def vega_lite_version() -> str:
    """The Vega-Lite minor version Altair writes specifications for, e.g. ``"6.4"``."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: no ``</script>``, ``<!--`` or ``&``."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html(spec: dict[str, Any]) -> str:
    """The chart as an HTML fragment: a container and a call to the bundled vegaEmbed."""
    spec = {key: value for key, value in spec.items() if key != "$schema"}
    digest = hashlib.sha256(script_json(spec).encode()).hexdigest()[:12]
    element = f"vega-{digest}"
    return (
        f'<div id="{element}" class="vega-chart"></div>\n'
        "<script>(function () {"
        f' vegaEmbed("#{element}", {script_json(spec)}, {script_json(EMBED_OPTIONS)})'
        ".catch(console.error); })();</script>"
    )


def png(spec: dict[str, Any]) -> bytes:
    """The chart as a PNG at print resolution."""
    return vlc.vegalite_to_png(spec, vl_version=vega_lite_version(), scale=PNG_SCALE)


def render(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Altair renderer entry point: both mime types from one specification."""
    return {"text/html": html(spec), "image/png": png(spec)}


def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script for the book's ``_static``.

    vl-convert's bundle declares top-level names (``_`` among them) that would clobber
    Sphinx's globals, so it runs inside its own function scope; it exports ``vegaEmbed``,
    ``vega`` and ``vegaLite`` on ``window`` itself.
    """
    return "(function () {\n" + vlc.javascript_bundle(vl_version=vega_lite_version()) + "\n})();\n"
