"""Re-execute a chapter when what it read changed, not only when its code did.

jupyter-cache keys an executed notebook on its code cells alone, so a new data table or an
edited ``analysis`` module would leave a chapter showing outputs computed from the old ones.
This module closes that gap in two halves:

* In the kernel. The build points ``IPYTHONDIR`` at a profile of its own whose only setting
  loads this module as an IPython extension. It records every file under the project (and
  under the project's root) that the notebook opened for reading, and every
  ``analysis`` module it imported, each with its sha256, into
  ``_build/.inputs/<docname>.json`` after every cell. Outside a build nothing loads it, so a
  reader running the package in Jupyter pays nothing.
* In Sphinx. Before any document is read, every record's digests are computed again. A
  chapter whose inputs changed loses its jupyter-cache entries and is marked outdated, so
  MyST-NB executes it afresh; every other chapter keeps its cached outputs.

Each chapter keeps at most one cache entry, the one its record describes: entries from
earlier executions of the same file are dropped, so going back to older code never brings
back outputs computed from older data. A cached chapter without a record (a cache made
before this extension, or a deleted ``.inputs`` folder) is executed once more to get one.

Only the ``cache`` execution mode is handled; in the other modes this does nothing. Enable it
with ``app.setup_extension("analysis.book_cache")`` or by listing it as a Sphinx extension.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell
    from jupyter_cache.base import JupyterCacheAbstract
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Environment variables through which the build tells its kernels what to record, and where.
FOLDER_VAR = "ANALYSIS_BOOK_INPUTS"
DOCNAME_VAR = "ANALYSIS_BOOK_DOCNAME"
ROOTS_VAR = "ANALYSIS_BOOK_ROOTS"
FORMAT = 1
PACKAGE = "analysis"
FOLDER_NAME = ".inputs"  # beside jupyter-cache's folder: the two are only valid together
PROFILE_CONFIG = 'c.InteractiveShellApp.extra_extensions = ["analysis.book_cache"]\n'
# Parts of a path that are never an input: build products, caches, version control.
SKIP_PARTS = frozenset({"_build", "__pycache__", ".git", ".ipynb_checkpoints"})
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_path(folder: Path, docname: str) -> Path:
    return folder / f"{docname}.json"


def key_of(path: str | Path, base: Path) -> str:
    """How a record names a file: relative to the project when inside it, so that a copy of
    the project with its ``_build`` keeps valid records; absolute otherwise."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def path_of(key: str, base: Path) -> Path:
    return Path(key) if Path(key).is_absolute() else base / key


def read_record(path: Path) -> dict[str, Any] | None:
    """A record, or None when it is missing, unreadable or from another format version."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None


def write_record(path: Path, record: dict[str, Any]) -> None:
    """Written whole and renamed into place, so a killed kernel never leaves half a record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)


# --- In the kernel ------------------------------------------------------------------------


class Recorder:
    """What one notebook execution read: files (through an audit hook on ``open``, so every
    loader counts, whichever function it goes through) and ``analysis`` modules."""

    def __init__(self, record: Path, docname: str, roots: list[Path]) -> None:
        self.record = record
        self.docname = docname
        self.base = roots[0]
        self.prefixes = tuple(os.path.join(os.path.abspath(root), "") for root in roots)
        self.started = time.time()
        self.read: set[str] = set()
        self.written: set[str] = set()
        self._digests: dict[str, tuple[int, int, str]] = {}
        self._last: dict[str, Any] | None = None

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        """Audit hook: called on every audited event in the kernel, so it stays minimal and
        never raises (an exception here would make the notebook's ``open`` fail)."""
        if event != "open":
            return
        try:
            path, mode, flags = args
            if path is None or isinstance(path, int):
                return
            name = os.path.abspath(os.fsdecode(path))
            if not name.startswith(self.prefixes):
                return
            if isinstance(mode, str):
                writing = any(letter in mode for letter in "wax+")
            else:
                writing = bool(flags & _WRITE_FLAGS)
            (self.written if writing else self.read).add(name)
        except Exception:
            return

    def _wanted(self, name: str) -> bool:
        """A file under a root, and not in a build product, cache or version control folder
        below it (whatever the folders above the root are called)."""
        for prefix in self.prefixes:
            if name.startswith(prefix):
                inside = Path(name[len(prefix) :]).parts
                return not SKIP_PARTS.intersection(inside) and os.path.isfile(name)
        return False

    def _digest(self, name: str) -> str | None:
        try:
            status = os.stat(name)
        except OSError:
            return None
        known = self._digests.get(name)
        if known and known[:2] == (status.st_mtime_ns, status.st_size):
            return known[2]
        digest = sha256(Path(name))
        self._digests[name] = (status.st_mtime_ns, status.st_size, digest)
        return digest

    def snapshot(self) -> dict[str, Any]:
        files: dict[str, str] = {}
        for name in sorted(self.read - self.written):
            if not self._wanted(name):
                continue
            digest = self._digest(name)
            if digest:
                files[key_of(name, self.base)] = digest
        modules: dict[str, str] = {}
        for module_name, module in list(sys.modules.items()):
            if not module_name.startswith(f"{PACKAGE}.") or module_name == __name__:
                continue
            file = getattr(module, "__file__", None)
            if file:
                modules[module_name] = key_of(file, self.base)
        # The package's __init__ runs whenever one of its modules is used, and only then.
        package = sys.modules.get(PACKAGE)
        if modules and package is not None and getattr(package, "__file__", None):
            modules[PACKAGE] = key_of(package.__file__, self.base)
        for key in modules.values():
            digest = self._digest(str(path_of(key, self.base)))
            if digest:
                files[key] = digest
        return {
            "format": FORMAT,
            "docname": self.docname,
            "started": self.started,
            "files": files,
            "modules": dict(sorted(modules.items())),
        }

    def save(self, *_: Any) -> None:
        """After every cell, so that the record is complete however the kernel ends."""
        record = self.snapshot()
        if record != self._last:
            write_record(self.record, record)
            self._last = record


def start() -> Recorder | None:
    """Record what this process reads if the book build asked for it (its variables are set).

    An audit hook cannot be removed again: only a kernel that the build started, and that
    ends with its notebook, calls this.
    """
    folder, docname = os.environ.get(FOLDER_VAR), os.environ.get(DOCNAME_VAR)
    roots = [Path(p) for p in os.environ.get(ROOTS_VAR, "").split(os.pathsep) if p]
    if not folder or not docname or not roots:
        return None
    recorder = Recorder(record_path(Path(folder), docname), docname, roots)
    sys.addaudithook(recorder.audit)
    recorder.save()  # replaces the previous execution's record straight away
    return recorder


def load_ipython_extension(ipython: InteractiveShell) -> None:
    """IPython extension entry point: records after every cell, in build kernels only."""
    recorder = start()
    if recorder is not None:
        ipython.events.register("post_run_cell", recorder.save)


# --- In Sphinx ----------------------------------------------------------------------------


def changed_input(record: dict[str, Any], base: Path) -> str | None:
    """Why a recorded execution is out of date (a file or module that changed), or None."""
    for key, digest in record.get("files", {}).items():
        path = path_of(key, base)
        if not path.is_file():
            return f"{key} is gone"
        if sha256(path) != digest:
            return f"{key} changed"
    for module_name, key in record.get("modules", {}).items():
        try:
            spec = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            spec = None
        origin = key_of(spec.origin, base) if spec and spec.origin else None
        if origin != key:
            return f"module {module_name} is now {origin or 'missing'}"
    return None


def _created(entry: Any) -> float:
    created: dt.datetime = entry.created
    if created.tzinfo is None:  # SQLite keeps jupyter-cache's UTC times without a zone
        created = created.replace(tzinfo=dt.UTC)
    return created.timestamp()


def _drop(cache: JupyterCacheAbstract, pk: int) -> None:
    from jupyter_cache.cache.db import NbCacheRecord

    try:
        cache.remove_cache(pk)
    except KeyError:  # the executed notebook's file is already gone: drop the row alone
        NbCacheRecord.remove_records([pk], cache.db)


def forget(cache: JupyterCacheAbstract, source: Path, before: float | None = None) -> int:
    """Drop a document's cache entries (only those made before ``before``, if given), and
    with ``before=None`` also whatever entry its current code would match. Returns how many."""
    doomed = {
        entry.pk
        for entry in cache.list_cache_records()
        if entry.uri == str(source) and (before is None or _created(entry) < before)
    }
    if before is None:
        with suppress(Exception):  # no project record, or unreadable: nothing more to find
            match = cache.get_cached_project_nb(str(source))
            if match is not None:
                doomed.add(match.pk)
    for pk in doomed:
        _drop(cache, pk)
    return len(doomed)


def stale_documents(
    cache: JupyterCacheAbstract, folder: Path, base: Path, sources: dict[str, Path]
) -> dict[str, str]:
    """The documents (docname -> source file) whose cached outputs can no longer be trusted,
    with the reason; their cache entries are dropped. Old entries of the others are pruned."""
    by_source: dict[str, list[Any]] = {}
    for entry in cache.list_cache_records():
        by_source.setdefault(entry.uri, []).append(entry)
    stale: dict[str, str] = {}
    for docname, source in sorted(sources.items()):
        entries = by_source.get(str(source), [])
        record = read_record(record_path(folder, docname))
        if record is None:
            if entries:
                forget(cache, source)
                stale[docname] = "no record of what its cached execution read"
                # A kernel that records nothing (not IPython) must not re-execute forever.
                write_record(
                    record_path(folder, docname),
                    {"format": FORMAT, "docname": docname, "started": time.time(), "files": {}},
                )
            continue
        reason = changed_input(record, base)
        if reason:
            forget(cache, source)
            stale[docname] = reason
        elif any(_created(entry) < record["started"] for entry in entries):
            forget(cache, source, before=record["started"])
    return stale


_SAVED: dict[str, str | None] = {}


def _set_environment(values: dict[str, str]) -> None:
    for name, value in values.items():
        _SAVED.setdefault(name, os.environ.get(name))
        os.environ[name] = value


def _restore_environment(*_: Any) -> None:
    for name, value in _SAVED.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _SAVED.clear()


def _folder(app: Sphinx) -> Path | None:
    """The records' folder when MyST-NB executes through jupyter-cache, else None."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or not config.execution_cache_path:
        return None
    return Path(config.execution_cache_path).parent / FOLDER_NAME


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: runs before any document is read, so before MyST-NB looks in
    the cache; prepares the kernels' environment and returns the stale documents."""
    folder = _folder(app)
    if folder is None:
        return []
    from jupyter_cache import get_cache
    from sphinx.util import logging

    base = Path(app.srcdir)
    profile = folder / ".ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(PROFILE_CONFIG, encoding="utf-8")
    roots = [str(base)]
    _set_environment(
        {
            "IPYTHONDIR": str(profile.parent),
            FOLDER_VAR: str(folder),
            ROOTS_VAR: os.pathsep.join(roots),
        }
    )
    for docname in removed:
        record_path(folder, docname).unlink(missing_ok=True)
    sources = {docname: Path(env.doc2path(docname)) for docname in env.found_docs}
    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    stale = stale_documents(cache, folder, base, sources)
    logger = logging.getLogger(__name__)
    for docname, reason in stale.items():
        logger.info(f"[book-cache] {docname}: {reason}; it will be executed again")
    return list(stale)


def _set_docname(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the kernel MyST-NB starts next is this document's."""
    if FOLDER_VAR in _SAVED:
        _set_environment({DOCNAME_VAR: docname})


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-get-outdated", _outdated)
    app.connect("source-read", _set_docname)
    app.connect("env-updated", _restore_environment)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
