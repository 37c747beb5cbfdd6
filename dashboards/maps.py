"""Choropleth maps drawn on the server as inline SVG, from the boundary files in
`places/data/geo/boundaries` (divisions, districts, 483 of 495 upazilas): no tile server, no
script, a few tens of kilobytes per map.

Rings are projected equirectangularly with the longitude scaled by the cosine of the map's middle
latitude (true to shape at Bangladesh's size), simplified (Douglas–Peucker, half a pixel) and
written as relative path commands on whole pixels. Each map also has a ranked table beside it.
"""

import functools
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from numbers import Number
from pathlib import Path

from django.core.cache import cache

import places

BOUNDARIES = Path(places.__file__).resolve().parent / "data" / "geo" / "boundaries"
FILES = {
    "division": "divisions.geojson",
    "district": "districts.geojson",
    "upazila": "upazilas.geojson",
    "metro_thana": "metro_thanas.geojson",
}
MAP_LEVELS = ("division", "district", "upazila")
WIDTH = 560
TOLERANCE = 0.75
# Sequential greens (ColorBrewer "Greens"), light to dark; areas without a value are hatched.
CLASS_COLOURS = ("#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c")
CLASSES = len(CLASS_COLOURS)


@dataclass(frozen=True)
class Feature:
    code: str
    name_en: str
    name_bn: str
    division_code: str
    district_code: str
    polygons: tuple  # of polygons, each a tuple of rings, each a tuple of (lon, lat)


@dataclass(frozen=True)
class Shape:
    code: str
    d: str


@dataclass(frozen=True)
class Outline:
    """The projected shapes of one map: areas to colour, and grey areas under them."""

    width: int
    height: int
    shapes: tuple
    background: tuple
    codes: frozenset


def boundary_path(level):
    return BOUNDARIES / FILES[level]


@functools.cache
def features(level):
    """The features of a boundary file (read once per process)."""
    with boundary_path(level).open(encoding="utf-8") as handle:
        collection = json.load(handle)
    result = []
    for feature in collection["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        result.append(
            Feature(
                code=props.get("code") or props.get("source_pcode", ""),
                name_en=props.get("name_en", ""),
                name_bn=props.get("name_bn", ""),
                division_code=props.get("division_code", props.get("code", "")),
                district_code=props.get("district_code", props.get("code", "")),
                polygons=tuple(
                    tuple(tuple((lon, lat) for lon, lat in ring) for ring in polygon)
                    for polygon in polygons
                ),
            )
        )
    return tuple(result)


def _within(feature, within):
    if not within:
        return True
    return within in (feature.division_code, feature.district_code, feature.code)


def _bbox(selected):
    lons, lats = [], []
    for feature in selected:
        for polygon in feature.polygons:
            for lon, lat in polygon[0]:
                lons.append(lon)
                lats.append(lat)
    return min(lons), min(lats), max(lons), max(lats)


def _simplify(points, tolerance):
    """Douglas–Peucker on projected points (iterative, so long rings cannot overflow the stack)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = -1.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _ring_d(ring, project):
    points = _simplify([project(lon, lat) for lon, lat in ring], TOLERANCE)
    pixels = []
    for x, y in points:
        pixel = (round(x), round(y))
        if not pixels or pixels[-1] != pixel:
            pixels.append(pixel)
    if len(pixels) < 3:
        return ""
    parts = [f"M{pixels[0][0]} {pixels[0][1]}"]
    for (x0, y0), (x1, y1) in pairwise(pixels):
        parts.append(f"l{x1 - x0} {y1 - y0}")
    return "".join(parts) + "z"


def _feature_d(feature, project):
    return "".join(_ring_d(ring, project) for polygon in feature.polygons for ring in polygon)


@lru_cache(maxsize=128)
def outline(level, within="", width=WIDTH):
    """The shapes of `level` inside the area coded `within` ("" for the whole country), kept in
    this process and in the shared cache: projecting a level takes a noticeable moment."""
    key = f"dashboards:outline:{level}:{within}:{width}:{TOLERANCE}"
    drawn = cache.get(key)
    if drawn is None:
        drawn = _outline(level, within, width)
        cache.set(key, drawn, None)
    return drawn


def _outline(level, within, width):
    selected = [feature for feature in features(level) if _within(feature, within)]
    if not selected:
        return Outline(width, 0, (), (), frozenset())
    west, south, east, north = _bbox(selected)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = (width - 2) / max((east - west) * squeeze, 1e-9)
    height = math.ceil((north - south) * scale) + 2

    def project(lon, lat):
        return (1 + (lon - west) * squeeze * scale, 1 + (north - lat) * scale)

    shapes = tuple(Shape(feature.code, _feature_d(feature, project)) for feature in selected)
    background = ()
    if level == "upazila":
        # Metropolitan thanas fill the four city corporations, which have no upazila polygon.
        background = tuple(
            Shape(feature.code, _feature_d(feature, project))
            for feature in features("metro_thana")
            if _within(feature, within)
        )
    return Outline(
        width,
        height,
        tuple(shape for shape in shapes if shape.d),
        tuple(shape for shape in background if shape.d),
        frozenset(feature.code for feature in selected),
    )


def class_breaks(values, classes=CLASSES):
    """Upper bounds of up to `classes` classes of the positive values (quantiles, without
    repeats), so each colour holds about as many areas. A withheld count is no value."""
    positive = sorted(value for value in values if isinstance(value, Number) and value > 0)
    if not positive:
        return []
    distinct = sorted(set(positive))
    if len(distinct) <= classes:
        return distinct
    bounds = []
    for step in range(1, classes + 1):
        index = min(len(positive) - 1, math.ceil(step * len(positive) / classes) - 1)
        bound = positive[index]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def class_of(value, breaks):
    """1-based colour class of a value (0: no value, or a withheld count)."""
    if not isinstance(value, Number) or value <= 0:
        return 0
    for index, bound in enumerate(breaks, start=1):
        if value <= bound:
            return index
    return len(breaks)


def legend(breaks):
    """[(class, colour, low, high)] for the legend; `low` is the previous bound (exclusive)."""
    rows = []
    low = 0
    for index, bound in enumerate(breaks, start=1):
        rows.append((index, colour(index, len(breaks)), low, bound))
        low = bound
    return rows


def colour(index, count):
    """The colour of class `index` of `count`, spread over the palette's range."""
    if index <= 0:
        return None
    if count <= 1:
        return CLASS_COLOURS[-2]
    position = round((index - 1) * (len(CLASS_COLOURS) - 1) / (count - 1))
    return CLASS_COLOURS[position]


@dataclass
class Choropleth:
    """One map, ready for `dashboards/includes/map.html`."""

    outline: Outline
    areas: list  # [(shape, area or None, value, class)]
    legend: list
    missing: list  # areas with a value but no polygon
    level: str
    metric: str

    @property
    def has_values(self):
        return any(value for _, _, value, _ in self.areas)


def choropleth(level, within, ranking, metric):
    """A map of `ranking` ([(Area, value)] of areas of `level`) inside the area coded `within`."""
    drawn = outline(level, within)
    by_code = {area.code: (area, value) for area, value in ranking if area.code}
    breaks = class_breaks([value for _, value in ranking])
    areas = []
    for shape in drawn.shapes:
        area, value = by_code.get(shape.code, (None, 0))
        areas.append((shape, area, value, class_of(value, breaks)))
    missing = [(area, value) for area, value in ranking if area.code not in drawn.codes and value]
    return Choropleth(drawn, areas, legend(breaks), missing, level, metric)
