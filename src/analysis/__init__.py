"""Data pipeline, analysis and charts for the book on Soviet and Russian relations with Syria.

The layout follows the data: ``sources`` (one parser per upstream format) -> ``registry``
(what each upstream file is, and its checksum) -> ``schemas``/``datasets`` (validated tidy
tables under ``data/``) -> analysis modules -> ``charts`` -> the chapters.
"""

__version__ = "0.1.0"
