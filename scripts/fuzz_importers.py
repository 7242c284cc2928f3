"""Coverage-guided fuzzing of every Folio importer with atheris (libFuzzer for Python).

The test suite's Hypothesis fuzzing runs in seconds on every ``make test``; this is the long
run, for an hour or a night. Each input's first byte picks the importer, the rest is the file.
The only outcomes allowed are articles and ImportFormatError; anything else, a hang (past
``-timeout`` seconds) or a blow-up (past ``-rss_limit_mb``) is a crash, saved as
``crash-*`` / ``timeout-*`` / ``oom-*`` in the working folder to replay with
``python scripts/fuzz_importers.py CRASH_FILE``.

    pip install -e '.[fuzz]'
    python scripts/fuzz_importers.py -max_total_time=600 fuzz-corpus/

The corpus folder is filled with the test suite's valid samples on first use and grows with
every input that reaches new code. libFuzzer's own flags pass through (``-help=1`` lists them).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["reader"]):
    from reader.domain.article import ArticleDraft
    from reader.domain.errors import ImportFormatError
    from reader.formats import registry

    IMPORTERS = registry.importers()


def _seed_corpus(folder: Path) -> None:
    """Put the suite's valid samples in an empty corpus folder, one per importer and seed."""
    if any(folder.iterdir()):
        return
    from tests.fuzz.seeds import seeds

    names = [fmt.name for fmt in IMPORTERS]
    for name, samples in seeds().items():
        for n, sample in enumerate(samples):
            (folder / f"seed-{name}-{n}").write_bytes(bytes([names.index(name)]) + sample)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fmt = IMPORTERS[data[0] % len(IMPORTERS)]
    payload = data[1:]
    name = f"fuzz.{fmt.extensions[0] if fmt.extensions else 'txt'}"
    with contextlib.suppress(ImportFormatError):
        registry.detect(payload[:65536], name)
    try:
        for item in fmt.parse(payload, name=name):
            if isinstance(item, ImportFormatError):
                continue
            if not isinstance(item, ArticleDraft) or not isinstance(item.body, str):
                raise AssertionError(f"{fmt.name} yielded {type(item).__name__}")
    except ImportFormatError:
        pass


def main() -> None:
    args = list(sys.argv)
    for arg in args[1:]:
        if not arg.startswith("-") and os.path.isdir(arg):
            _seed_corpus(Path(arg))
    defaults = ["-timeout=20", "-rss_limit_mb=4096", "-max_len=65536"]
    given = {a.split("=", 1)[0] for a in args[1:] if a.startswith("-")}
    args[1:1] = [d for d in defaults if d.split("=", 1)[0] not in given]
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
