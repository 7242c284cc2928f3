"""Valid inputs to mutate, for every registered importer: small samples written here for the
formats Folio knows, plus every fixture file of the test suite, each given to the importer
that the registry picks for it (so an importer added later is fuzzed from its own fixtures)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from reader.domain.errors import ImportFormatError
from reader.formats import registry

FIXTURES = Path(__file__).parents[1] / "fixtures"
#: Fixtures larger than this are not used as seeds (mutating them says no more, only slower).
MAX_SEED = 64 * 1024

WRITTEN: dict[str, list[bytes]] = {
    "json": [
        json.dumps(
            {
                "folio": 1,
                "articles": [
                    {
                        "id": "2f1c3a4e-0000-4000-8000-000000000001",
                        "title": "Tide tables",
                        "body": "Spring *tides* flood the marsh.",
                        "tags": ["coast"],
                        "highlights": [{"id": "h1", "quote": "the marsh"}],
                        "related": [{"rel": "next", "title": "Neap", "url": "https://e.org"}],
                        "published_at": "2019-09-12",
                    }
                ],
            }
        ).encode(),
        b'{"title": "One", "body": "Line one."}\n{"title": "Two", "body": "Line two."}\n',
    ],
    "markdown": [
        b"---\ntitle: Tidal energy\ntags: [coast, energy]\ndate: 2021-04-03\n---\n\n# Notes\n\n"
        b"Barrages and *lagoons*.\n",
        b"+++\ntitle = 'Hugo'\ndate = 2020-01-02\n+++\nBody text.\n",
    ],
    "plaintext": [
        b"Seal numbers rise\n\nBy Ruth Calder\n\nPhoto Credit: Coastal Trust\nPups on the "
        b"sand. Sept. 12 2019\n\nAdvertisement\n\nThe count rose.\n\nSHARE\n",
        "כותרת\n\nגוף הכתבה בעברית.\n".encode(),
    ],
}


@cache
def seeds() -> dict[str, tuple[bytes, ...]]:
    """Importer name -> valid inputs to mutate."""
    found: dict[str, list[bytes]] = {
        fmt.name: list(WRITTEN.get(fmt.name, [])) for fmt in registry.importers()
    }
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file() or path.stat().st_size > MAX_SEED:
            continue
        if path.name.endswith(".expected.json"):
            continue
        data = path.read_bytes()
        try:
            fmt = registry.detect(data[:65536], path.name)
        except ImportFormatError:
            continue
        if _imports(fmt, data, path.name):
            found.setdefault(fmt.name, []).append(data)
    return {name: tuple(items) for name, items in found.items()}


def extension_for(name: str) -> str:
    fmt = registry.importer(name)
    return fmt.extensions[0] if fmt.extensions else "txt"


def _imports(fmt: registry.ImportFormat, data: bytes, name: str) -> bool:
    """Whether a fixture is a valid file of its format (the broken ones test other things)."""
    try:
        return any(not isinstance(item, ImportFormatError) for item in fmt.parse(data, name=name))
    except ImportFormatError:
        return False
