"""The compact GeoNames index: a binary file built ahead of time, read lazily, searched by binary search.

Layout (gzip of): one JSON header line, then the sections it lists, each a little-endian ``array`` dump:
places (GeoNames id, latitude, longitude, population, country, kind, first-order region, main name) and name
keys (sorted ASCII keys, each with a run of postings = place indices, the high bit marking the place's main
name). Ids and coordinates are stored as differences and offsets as lengths, which compress well; reading
rebuilds them with ``itertools.accumulate``. Keys stay in one bytes blob and numbers in typed arrays: that is
what keeps the load well under a second and a few tens of MB, where the JSON the package ships takes seconds
and ~400 MB.
"""

from __future__ import annotations

import gzip
import io
import json
import mmap
import sys
from array import array
from dataclasses import dataclass, fields
from pathlib import Path

from chronologue.data import DATA_DIR
from chronologue.files import write_atomic
from chronologue.lib import prebuilt

FORMAT = "chronologue.gazetteer/1"
MAIN_FLAG = 1 << 31
INDEX_PATH = DATA_DIR / "gazetteer" / "geonames.idx.gz"
COORDINATE_SCALE = 1_000  # coordinates are stored as integer 1/1000 degrees (about 110 m)
PREBUILT_LAYOUT = 2  # of the prebuilt tables: header.json, then one file of native-order bytes per table

# section name -> array typecode, in file order. ``*_delta`` sections hold differences from the previous
# value and ``*_lengths``/``*_counts`` the size of each item: both compress far better than absolute values.
SECTIONS: dict[str, str] = {
    "geonameid_delta": "i",
    "lat_delta": "i",
    "lon_delta": "i",
    "population": "I",
    "country": "H",
    "kind": "B",
    "admin1": "H",
    "name_lengths": "B",
    "names": "B",
    "key_lengths": "B",
    "keys": "B",
    "posting_counts": "H",
    "postings": "I",
}


@dataclass(frozen=True)
class Place:
    """One GeoNames record of the index."""

    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    country: str
    kind: str
    admin1: str = ""  # GeoNames' first-order division code with its country's (``US.ID``), '' when none


@dataclass
class IndexTables:
    """The decoded index: one entry per place in the place arrays, one per key in the key arrays.

    Read from the shipped file, the arrays are ``array``s and the texts ``bytes``; from the prebuilt tables,
    memoryviews and ``mmap``s of their files in their place, which index and slice the same way (to ints, and to
    bytes) for :class:`GeoIndex`, the only reader of mapped tables."""

    geonameid: array
    lat: array  # 1/COORDINATE_SCALE degrees
    lon: array
    population: array
    country: array
    kind: array
    admin1: array  # position in the header's ``admin1`` list (0: none)
    names: bytes
    name_offsets: array
    keys: bytes
    key_offsets: array
    posting_offsets: array
    postings: array


class GeoIndex:
    """Name key -> places, over the decoded tables of the shipped index file."""

    def __init__(self, header: dict, tables: IndexTables) -> None:
        self.header = header
        self.countries: list[str] = header["countries"]
        self.kinds: list[str] = header["kinds"]
        self.admin1s: list[str] = header["admin1"]
        self.t = tables
        self.size = len(tables.key_offsets) - 1

    def _key_at(self, i: int) -> bytes:
        offsets = self.t.key_offsets
        return self.t.keys[offsets[i] : offsets[i + 1]]

    def _lower_bound(self, target: bytes) -> int:
        lo, hi = 0, self.size
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key_at(mid) < target:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, key: str) -> int:
        """The position of ``key`` among the sorted keys, or -1."""
        target = key.encode("ascii", "ignore")
        pos = self._lower_bound(target)
        return pos if pos < self.size and self._key_at(pos) == target else -1

    def keys_with_prefix(self, prefix: str, limit: int = 300) -> list[str]:
        """The keys that start with ``prefix``, in order (at most ``limit``)."""
        target = prefix.encode("ascii", "ignore")
        found: list[str] = []
        pos = self._lower_bound(target)
        while pos < self.size and len(found) < limit:
            key = self._key_at(pos)
            if not key.startswith(target):
                break
            found.append(key.decode("ascii"))
            pos += 1
        return found

    def postings(self, key: str) -> list[tuple[int, bool]]:
        """(place index, is main name) for every place the key names, most populous first."""
        pos = self.find(key)
        if pos < 0:
            return []
        t = self.t
        run = t.postings[t.posting_offsets[pos] : t.posting_offsets[pos + 1]]
        return [(p & ~MAIN_FLAG, bool(p & MAIN_FLAG)) for p in run]

    def place(self, i: int) -> Place:
        """The place record at index ``i``."""
        t = self.t
        return Place(
            geonameid=t.geonameid[i],
            name=t.names[t.name_offsets[i] : t.name_offsets[i + 1]].decode("utf-8"),
            lat=t.lat[i] / COORDINATE_SCALE,
            lon=t.lon[i] / COORDINATE_SCALE,
            population=t.population[i],
            country=self.countries[t.country[i]],
            kind=self.kinds[t.kind[i]],
            admin1=self.admin1s[t.admin1[i]],
        )


def _deltas(values: array | list[int], code: str) -> array:
    out, previous = array(code), 0
    for value in values:
        out.append(value - previous)
        previous = value
    return out


def _lengths(offsets: array, code: str) -> array:
    return array(code, (offsets[i + 1] - offsets[i] for i in range(len(offsets) - 1)))


def encode(tables: IndexTables) -> dict[str, array]:
    """The file sections of decoded tables."""
    return {
        "geonameid_delta": _deltas(tables.geonameid, "i"),
        "lat_delta": _deltas(tables.lat, "i"),
        "lon_delta": _deltas(tables.lon, "i"),
        "population": tables.population,
        "country": tables.country,
        "kind": tables.kind,
        "admin1": tables.admin1,
        "name_lengths": _lengths(tables.name_offsets, "B"),
        "names": array("B", tables.names),
        "key_lengths": _lengths(tables.key_offsets, "B"),
        "keys": array("B", tables.keys),
        "posting_counts": _lengths(tables.posting_offsets, "H"),
        "postings": tables.postings,
    }


def decode(sections: dict[str, array]) -> IndexTables:
    """The decoded tables of file sections."""

    import numpy

    def running(name: str, code: str, initial: int | None = None) -> array:
        # numpy's cumulative sum in the section's own width, then back into an ``array`` (a copy of bytes):
        # ``itertools.accumulate`` over millions of values took most of the load.
        section = sections[name]
        sums = numpy.cumsum(numpy.frombuffer(section, dtype=section.typecode), dtype=code)
        if initial is not None:
            sums = numpy.concatenate([numpy.asarray([initial], dtype=sums.dtype), sums + initial])
        out = array(code)
        out.frombytes(sums.tobytes())
        return out

    return IndexTables(
        geonameid=running("geonameid_delta", "i"),
        lat=running("lat_delta", "i"),
        lon=running("lon_delta", "i"),
        population=sections["population"],
        country=sections["country"],
        kind=sections["kind"],
        admin1=sections["admin1"],
        names=sections["names"].tobytes(),
        name_offsets=running("name_lengths", "I", 0),
        keys=sections["keys"].tobytes(),
        key_offsets=running("key_lengths", "I", 0),
        posting_offsets=running("posting_counts", "I", 0),
        postings=sections["postings"],
    )


def write_index(path: Path, header: dict, tables: IndexTables) -> None:
    """Write the index reproducibly (fixed gzip mtime, sections in a fixed order)."""
    sections = encode(tables)
    header = dict(header, format=FORMAT, sections=[[name, SECTIONS[name], len(sections[name])] for name in SECTIONS])
    chunks = [json.dumps(header, sort_keys=True, ensure_ascii=True).encode("ascii") + b"\n"]
    for name, code in SECTIONS.items():
        data = sections[name]
        if data.typecode != code:
            raise ValueError(f"section {name}: typecode {data.typecode}, expected {code}")
        if sys.byteorder != "little":
            data = array(code, data)
            data.byteswap()
        chunks.append(data.tobytes())
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
        out.write(b"".join(chunks))
    write_atomic(path, raw.getvalue())  # a build that fails half-way leaves the shipped index as it was


def read_index(path: Path = INDEX_PATH) -> GeoIndex:
    """Read the index file written by :func:`write_index`: its prebuilt tables when they are current (no
    decompressing, no decoding: the files are mapped), else the file itself."""
    if path == INDEX_PATH and (folder := prebuilt.find("gazetteer", [path], PREBUILT_LAYOUT)) is not None:
        return _mapped_index(folder)
    return _read_index_file(path)


def _read_index_file(path: Path) -> GeoIndex:
    blob = gzip.decompress(path.read_bytes())
    newline = blob.index(b"\n")
    header = json.loads(blob[:newline])
    if header.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file; rebuild it with python -m chronologue.lib.gazetteer.build")
    view = memoryview(blob)
    offset = newline + 1
    sections: dict[str, array] = {}
    for name, code, count in header["sections"]:
        data = array(code)
        width = data.itemsize
        data.frombytes(view[offset : offset + count * width])
        offset += count * width
        if sys.byteorder != "little":
            data.byteswap()
        sections[name] = data
    del view, blob
    return GeoIndex(header, decode(sections))


def _mapped(path: Path) -> mmap.mmap:
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # the mapping outlives the file object


def _mapped_index(folder: Path) -> GeoIndex:
    header = json.loads((folder / "header.json").read_text(encoding="utf-8"))
    tables: dict[str, object] = {}
    for name, code in header["tables"].items():
        path = folder / f"{name}.bin"
        data = _mapped(path) if path.stat().st_size else b""  # an empty file cannot be mapped
        tables[name] = data if code == "bytes" else memoryview(data).cast(code)
    return GeoIndex(header["index"], IndexTables(**tables))  # type: ignore[arg-type]


def prebuild() -> Path:
    """Write the decoded tables of the shipped index, one file each, for mapping (:mod:`chronologue.lib.prebuilt`)."""

    def write(folder: Path) -> None:
        index = _read_index_file(INDEX_PATH)
        codes = {}
        for field in fields(IndexTables):
            value = getattr(index.t, field.name)
            codes[field.name] = "bytes" if isinstance(value, bytes) else value.typecode
            (folder / f"{field.name}.bin").write_bytes(value if isinstance(value, bytes) else value.tobytes())
        (folder / "header.json").write_text(json.dumps({"index": index.header, "tables": codes}), encoding="utf-8")

    return prebuilt.build("gazetteer", [INDEX_PATH], PREBUILT_LAYOUT, write)
