"""Compiled gazetteer cache: the built index and its Aho-Corasick automaton in one pickle.

Building the gazetteer from its layers costs ~0.4 s CPU (+0.4 s for the automaton), over 1 s of wall
time on a busy laptop; reading the compiled structures back costs ~0.15 s. The cache lives in the
user cache dir ($RASD_CACHE_DIR, else $XDG_CACHE_HOME/rasd, else ~/.cache/rasd) under `compiled/`.

Its file name is a hash of everything the built structures depend on: the size and mtime of every
input file (countries, admin1/curated/any other *.tsv of the data dir, GeoNames layers, user layers,
word stats), the source files of the builder (gazetteer.py, recognize.py, layers.py, normalize.py),
the Python and pyahocorasick versions. A changed
input gives another name, so a stale cache is never read; old files are pruned. Any error while
reading or writing falls back to building (the cache is an optimisation, never a requirement).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path

CACHE_FORMAT = 1
_KEEP = 4  # compiled files kept (several worktrees / data dirs side by side)
_SOURCES = ("gazetteer.py", "recognize.py", "layers.py", "compiled_cache.py", "../text/normalize.py")


def cache_dir() -> Path:
    env = os.environ.get("RASD_CACHE_DIR")
    if env:
        return Path(env) / "compiled"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rasd" / "compiled"


def _stat(path: Path | None) -> tuple:
    if path is None:
        return ("-",)
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)


def input_files(data_dir: Path, geonames_layer, user_dir, countries_file, word_stats) -> list[Path | None]:
    files: list[Path | None] = [countries_file, geonames_layer, word_stats]
    if data_dir is not None and Path(data_dir).is_dir():
        files += sorted(Path(data_dir).glob("*.tsv"))
    if user_dir and Path(user_dir).is_dir():
        files += sorted(Path(user_dir).glob("*.tsv.gz"))
    here = Path(__file__).resolve().parent
    files += [(here / s).resolve() for s in _SOURCES]
    return files


def cache_file(data_dir, geonames_layer, user_dir, countries_file, word_stats) -> Path:
    import ahocorasick

    sig = [CACHE_FORMAT, sys.version_info[:3], getattr(ahocorasick, "__version__", ""), str(data_dir)]
    sig += [_stat(p) for p in input_files(data_dir, geonames_layer, user_dir, countries_file, word_stats)]
    digest = hashlib.sha1(repr(sig).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"gazetteer-{digest}.pkl"


_STATE = ("keys", "levels", "demonyms", "country_place", "admin1_place", "country_keys", "word_pm",
          "loc_share", "trigger_share")


def write_cache(gaz, path: Path) -> bool:
    from .gazetteer import GazPlace

    names = [f.name for f in dataclasses.fields(GazPlace)]
    # Places as plain tuples: unpickling 35k dataclass instances costs 10x more than rebuilding them.
    state = {
        "format": CACHE_FORMAT,
        "fields": names,
        "places": [tuple(getattr(p, n) for n in names) for p in gaz.places],
        "automaton": gaz._automaton,
        **{k: getattr(gaz, k) for k in _STATE},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path)
        return True
    except (OSError, pickle.PicklingError, TypeError):
        return False


def read_cache(cls, path: Path):
    from .gazetteer import GazPlace

    enabled = gc.isenabled()
    gc.disable()  # ~1M objects are created at once: collections while unpickling are wasted work
    try:
        with open(path, "rb") as f:
            state = pickle.load(f)
        if state.get("format") != CACHE_FORMAT or state["fields"] != [f.name for f in dataclasses.fields(GazPlace)]:
            return None
        gaz = cls()
        gaz.places = [GazPlace(*row) for row in state["places"]]
        for k in _STATE:
            setattr(gaz, k, state[k])
        gaz._automaton = state["automaton"]
        return gaz
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a corrupt/foreign cache file must never break loading
        return None
    finally:
        if enabled:
            gc.enable()


def _prune(keep: Path) -> None:
    files = sorted(keep.parent.glob("gazetteer-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[_KEEP:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass
