"""Readable names for actor codes (country codes from the knowledge base, PLOVER's generic codes)."""

from __future__ import annotations

from functools import lru_cache

GENERIC = {
    "UNO": "United Nations", "EUR": "European Union", "IGO": "Intergovernmental organisations",
    "NGO": "Non-governmental organisations", "ISM": "International movements", "MNC": "Multinational corporations",
}


@lru_cache(maxsize=1)
def code_names() -> dict[str, str]:
    from ..tables import DATA_DIR, read_tsv

    names = dict(GENERIC)
    for _, row in read_tsv(DATA_DIR / "actors" / "countries.tsv", ("code", "name")):
        names.setdefault(row["code"], row["name"])
    return names


def name_of(code: str | None) -> str | None:
    return code_names().get(code) if code else None
