"""Import a full GeoNames dump (allCountries.zip or per-country XX.zip) into a user gazetteer layer.

    rasd gazetteer import-geonames SY.zip IQ.zip --alternate-names alternateNamesV2.zip

Reads the 19-column GeoNames `geoname` table (geonameid, name, asciiname, alternatenames, latitude,
longitude, feature class, feature code, country code, cc2, admin1 code, admin2, admin3, admin4,
population, elevation, dem, timezone, modification date) from .zip or .txt files, streaming (the
world file is 1.5 GB unzipped). Arabic names come from the untagged `alternatenames` column
(Arabic-script ones) and, when given, from alternateNamesV2 (10 columns; language `ar`, plus
Arabic-script `fa`/`ps`/`ur` names of places in countries where those languages are spoken).
Kept: places with at least one Arabic name, of feature classes P (populated), A (admin), S (spots:
airports, camps, hospitals, prisons…), T (mountains, valleys), H (dams, wadis), L (areas), and with
--countries only those countries. The layer lands in $RASD_GAZETTEER_DIR (default
~/.cache/rasd/gazetteer/) and is merged into the gazetteer the next time it is loaded.
"""

from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .layers import LayerRow, arabic_names, user_gazetteer_dir, write_layer

KEEP_CLASSES = frozenset("PASTHL")
_ARABIC_SCRIPT_LANGS = {"ar": None, "arz": None, "apc": None, "fa": {"IR", "AF"}, "ps": {"AF", "PK"},
                        "ur": {"PK"}, "ku": {"IQ", "SY", "TR", "IR"}, "ckb": {"IQ", "IR"}}


@contextmanager
def _open_text(path: Path, member_hint: str | None = None) -> Iterator[io.TextIOBase]:
    """A text stream over a .txt file or the data member of a GeoNames .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()
                     and "iso-languagecodes" not in n.lower()]
            if member_hint:
                names = [n for n in names if member_hint.lower() in n.lower()] or names
            if not names:
                raise ValueError(f"{path}: no .txt data file inside the zip")
            with zf.open(names[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with open(path, encoding="utf-8", newline="\n") as f:
            yield f


def read_alternate_names(path: Path) -> dict[int, list[tuple[str, str]]]:
    """geonameid -> [(language, name)] for Arabic-script languages, from alternateNamesV2."""
    out: dict[int, list[tuple[str, str]]] = {}
    with _open_text(path, "alternateNames") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[2] not in _ARABIC_SCRIPT_LANGS:
                continue
            if len(cols) > 7 and cols[7] == "1":  # historic name
                continue
            try:
                gid = int(cols[1])
            except ValueError:
                continue
            out.setdefault(gid, []).append((cols[2], cols[3]))
    return out


def iter_geonames(paths: Iterable[Path], alternate: dict[int, list[tuple[str, str]]] | None = None,
                  countries: set[str] | None = None) -> Iterator[LayerRow]:
    alternate = alternate or {}
    for path in paths:
        with _open_text(Path(path)) as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 19 or cols[6] not in KEEP_CLASSES:
                    continue
                cc = cols[8]
                if countries and cc not in countries:
                    continue
                try:
                    gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                    pop = int(cols[14] or 0)
                except ValueError:
                    continue
                names_src = []
                for lang, name in alternate.get(gid, ()):
                    allowed = _ARABIC_SCRIPT_LANGS[lang]
                    if allowed is None or cc in allowed:
                        names_src.append(name)
                names_src.extend(cols[3].split(",") if cols[3] else ())
                names = arabic_names(names_src)
                if not names:
                    continue
                yield LayerRow(gid, cols[1], lat, lon, cc, cols[10], pop, names, cols[7])


def import_geonames(paths: list[Path], alternate_names: Path | None = None, countries: set[str] | None = None,
                    out_dir: Path | None = None, name: str | None = None) -> tuple[Path, int]:
    alternate = read_alternate_names(alternate_names) if alternate_names else None
    out_dir = Path(out_dir) if out_dir else user_gazetteer_dir()
    stem = name or "geonames_" + "_".join(Path(p).stem for p in paths)[:60]
    out = out_dir / f"{stem}.tsv.gz"
    n = write_layer(iter_geonames(paths, alternate, countries), out)
    from .gazetteer import reset_default_gazetteer

    reset_default_gazetteer()
    return out, n
