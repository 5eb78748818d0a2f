"""Convert Natural Earth's countries (world-atlas TopoJSON) into the app's map files.

    python tools/make_map_data.py [--package world-atlas-2.0.2.tgz] [--out DIR]

Run once by a developer (``make map-data``), never by the app: the app reads
only the files written here and never touches the network.  Without
``--package`` the script asks npm for the pinned tarball and checks it
against the registry's published sha512 before reading it.

Why convert at all: TopoJSON arcs are delta-encoded and shared between
neighbours, which is compact but means every start-up would re-stitch rings
in Python.  The output is the same rings already stitched, as integer arrays
in a NumPy ``.npz`` (no pickled objects, so loading it runs no code), one per
resolution: 110m for slide and handout insets, 50m for the Map dock.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

PACKAGE = "world-atlas"
VERSION = "2.0.2"
# The registry's dist.integrity for world-atlas@2.0.2 (npm view world-atlas@2.0.2 dist).
INTEGRITY = ("sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXny"
             "TU5lFHcYa5ChG0LQ==")
RESOLUTIONS = ("110m", "50m")
OUT = Path(__file__).resolve().parents[1] / "desktop" / "summit_timeline" / "resources" / "map"
ATTRIBUTION = (
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com. "
    "Natural Earth data is in the public domain. Converted from the world-atlas "
    f"{VERSION} TopoJSON redistribution (ISC licence, Mike Bostock). Borders as Natural "
    "Earth draws them; they imply no position on any disputed territory."
)


def fetch_package(work: Path) -> Path:
    """The pinned tarball from the npm registry, checked against its sha512."""
    done = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=work,
                          capture_output=True, text=True, check=True)
    return work / done.stdout.strip().splitlines()[-1]


def check_integrity(tarball: Path) -> None:
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"make_map_data: {tarball} does not match {PACKAGE}@{VERSION}'s "
                         "published sha512")


def read_topology(tarball: Path, resolution: str) -> dict[str, Any]:
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(f"package/countries-{resolution}.json")
        if member is None:
            raise SystemExit(f"make_map_data: no countries-{resolution}.json in {tarball}")
        topology: dict[str, Any] = json.load(io.TextIOWrapper(member, encoding="utf-8"))
    return topology


def decoded_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """Each arc as absolute quantized (x, y) integer points (TopoJSON deltas summed)."""
    return [np.cumsum(np.asarray(arc, np.int64), axis=0) for arc in topology["arcs"]]


def ring_points(ring: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """A closed ring from its arc references (``~i`` is arc ``i`` reversed)."""
    parts = []
    for n, ref in enumerate(ring):
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        parts.append(arc if n == 0 else arc[1:])  # consecutive arcs share an end point
    return np.concatenate(parts)


def convert(topology: dict[str, Any]) -> dict[str, np.ndarray]:
    arcs = decoded_arcs(topology)
    points: list[np.ndarray] = []
    ring_start, polygon_start, country_start = [0], [0], [0]
    names, ids = [], []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        for polygon in polygons:
            for ring in polygon:
                xy = ring_points(ring, arcs)
                points.append(xy)
                ring_start.append(ring_start[-1] + len(xy))
            polygon_start.append(len(ring_start) - 1)
        country_start.append(len(polygon_start) - 1)
        names.append(str(geometry.get("properties", {}).get("name", "")))
        ids.append(str(geometry.get("id", "")))
    xy = np.concatenate(points).astype(np.int32)
    return {
        "scale": np.asarray(topology["transform"]["scale"], np.float64),
        "translate": np.asarray(topology["transform"]["translate"], np.float64),
        "xy": xy,
        "ring_start": np.asarray(ring_start, np.int32),
        "polygon_start": np.asarray(polygon_start, np.int32),
        "country_start": np.asarray(country_start, np.int32),
        "country_name": np.asarray(names, dtype="<U64"),
        "country_id": np.asarray(ids, dtype="<U8"),
        "attribution": np.asarray(ATTRIBUTION),
        "source": np.asarray(f"{PACKAGE}@{VERSION} countries"),
    }


def write(arrays: dict[str, np.ndarray], path: Path) -> None:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", type=Path, help="a world-atlas tarball already on disk")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        tarball = args.package or fetch_package(Path(work))
        check_integrity(tarball)
        for resolution in RESOLUTIONS:
            arrays = convert(read_topology(tarball, resolution))
            target = args.out / f"countries-{resolution}.npz"
            write(arrays, target)
            print(f"{target}: {len(arrays['country_name'])} countries, "
                  f"{len(arrays['xy'])} points, {target.stat().st_size} bytes")
    (args.out / "ATTRIBUTION.txt").write_text(ATTRIBUTION + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
