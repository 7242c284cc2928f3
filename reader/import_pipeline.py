"""Reading and parsing an import's inputs, in a worker process beside the writer when there are
many of them.

Parsing (decoding, front matter, cleaning, the keys each article is matched by) is pure CPU
work, and the writer's is mostly SQLite's: with a worker process parsing the next files while
the main process stores the last ones, a large import uses both cores of a small machine. The
results come back in input order whatever the worker does, so the report keeps its order and a
cancel still stops between files. Small imports parse in-process: starting a worker costs more
than it saves.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.domain.keys import Keys, keys_of
from reader.formats import registry
from reader.inputs import Input, InputError
from reader.render.sanitize import defuse_markdown

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Inputs below this count are parsed in-process.
POOL_MIN_INPUTS = 256
#: Inputs handed to a worker at a time (large enough to amortise the hand-over).
CHUNK_INPUTS = 128
#: Bytes handed to a worker at a time, whatever the count.
CHUNK_BYTES = 8 * 1024 * 1024
#: Inputs handed out and not yet consumed: more than the library stores in one batch, so the
#: worker keeps parsing while the writer stores a batch instead of waiting for it.
FLIGHT_INPUTS = 1536
#: Bytes of input handed out and not yet consumed (bounds the memory held in flight).
FLIGHT_BYTES = 64 * 1024 * 1024

#: Folio's own formats: an export read back gives the same library, so their articles are
#: stored as they are (the reader and the exporters clean what they show); every other
#: import is defused before it is stored (``defuse_draft``).
LOSSLESS_FORMATS = frozenset({"json"})

#: One parsed item: an article with its keys, or an item the importer refused.
Entry = tuple[ArticleDraft, Keys] | ImportFormatError


@dataclass(frozen=True, slots=True)
class Parsed:
    """What became of one input: its items, or why it could not be read at all."""

    entries: tuple[Entry, ...] = ()
    failure: str | None = None


def parse_bytes(data: bytes, name: str, forced: str | None, claimed: str | None = None) -> Parsed:
    """Every item of one input's bytes, each draft with its keys. ``forced`` is the format the
    user chose for every input, ``claimed`` the one this input comes with (an archive's)."""
    try:
        chosen = forced or claimed
        fmt = registry.importer(chosen) if chosen else registry.detect(data[:65536], name)
        entries: list[Entry] = []
        lossless = fmt.name in LOSSLESS_FORMATS
        for item in fmt.parse(data, name=name):
            if isinstance(item, ImportFormatError):
                entries.append(item)
                continue
            # Defused before the keys are taken: they are the keys of what is stored.
            draft = item if lossless else defuse_draft(item)
            entries.append((draft, keys_of(draft)))
        return Parsed(entries=tuple(entries))
    except ImportFormatError as exc:
        return Parsed(failure=str(exc))
    except RecursionError:
        return Parsed(failure="nested too deeply")
    except MemoryError:
        return Parsed(failure="too large to read")
    except Exception as exc:  # an importer bug must not lose the rest of the import
        return Parsed(failure=f"could not be read ({type(exc).__name__}: {exc})"[:300])


# Exceptions lose keyword arguments when pickled, so a worker sends refused items as values.
_Wire = tuple[tuple[tuple[ArticleDraft, Keys] | tuple[str, str | None], ...], str | None]


def _to_wire(parsed: Parsed) -> _Wire:
    entries = tuple(
        (e.reason, e.location) if isinstance(e, ImportFormatError) else e for e in parsed.entries
    )
    return entries, parsed.failure


def _from_wire(wire: _Wire) -> Parsed:
    entries, failure = wire
    out: list[Entry] = []
    for e in entries:
        if isinstance(e[0], ArticleDraft):
            out.append(e)
        else:
            out.append(ImportFormatError(str(e[0]), location=e[1]))
    return Parsed(entries=tuple(out), failure=failure)


def _parse_chunk(
    items: list[tuple[str, str | bytes, str | None]], forced: str | None
) -> list[_Wire]:
    """In a worker process: parse a chunk of inputs, reading those given as a file's path."""
    out = []
    for name, given, claimed in items:
        data = _read_file(given) if isinstance(given, str) else given
        parsed = data if isinstance(data, Parsed) else parse_bytes(data, name, forced, claimed)
        out.append(_to_wire(parsed))
    return out


def _read_file(path: str) -> bytes | Parsed:
    """A plain file's bytes, or why it could not be read (as ``_read`` says it)."""
    from reader.inputs import read_file

    return _read(Input("", lambda: read_file(path)))


def _read(source: Input) -> bytes | Parsed:
    """The input's bytes, or why it could not be read (as an importer failing would say)."""
    try:
        return source.read()
    except InputError as exc:
        return Parsed(failure=str(exc))
    except RecursionError:
        return Parsed(failure="nested too deeply")
    except MemoryError:
        return Parsed(failure="too large to read")
    except Exception as exc:  # a damaged archive member, say: that input fails, not the import
        return Parsed(failure=f"could not be read ({type(exc).__name__}: {exc})"[:300])


def workers_for(count: int) -> int:
    """Worker processes worth starting for ``count`` inputs: none for a small import, else one
    per core beside the writer's."""
    if count < POOL_MIN_INPUTS:
        return 0
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def parse_inputs(
    inputs: Sequence[Input],
    forced: str | None,
    *,
    cancelled: Callable[[], bool],
    workers: int | None = None,
) -> Generator[Parsed, None, None]:
    """The parsed inputs, one per input and in input order. Stop consuming to stop early:
    work handed to the workers is dropped when the generator is closed."""
    count = workers_for(len(inputs)) if workers is None else workers
    if count <= 0:
        for source in inputs:
            data = _read(source)
            if isinstance(data, Parsed):
                yield data
            else:
                yield parse_bytes(data, source.name, forced, source.format)
        return
    yield from _pooled(inputs, forced, count, cancelled)


def defuse_draft(draft: ArticleDraft) -> ArticleDraft:
    """An imported article made inert before it is stored: its Markdown keeps no active HTML
    and no unsafe links, so it stays inert even in a program that renders raw HTML. (Its
    addresses are text; wherever one becomes a link, in the reader or an export, it is checked
    there, so a round trip through an export keeps them as they were.)"""
    body = defuse_markdown(draft.body)
    return draft if body == draft.body else replace(draft, body=body)


def _pooled(
    inputs: Sequence[Input], forced: str | None, workers: int, cancelled: Callable[[], bool]
) -> Iterator[Parsed]:
    # Loaded here: most imports are small and never start a worker.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the GUI calls this from a worker thread of a process running Qt.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    # Per chunk: results already known (inputs read here) by position, the worker's future,
    # and the bytes it stands for. Plain files are read by the worker itself: their bytes
    # never pass through this process.
    flight: deque[tuple[list[Parsed | None], Future[list[_Wire]] | None, int]] = deque()
    position = 0
    in_flight = [0, 0]  # inputs, bytes

    def submit_next() -> None:
        nonlocal position
        slots: list[Parsed | None] = []
        batch: list[tuple[str, str | bytes, str | None]] = []
        size = 0
        while position < len(inputs) and len(slots) < CHUNK_INPUTS and size < CHUNK_BYTES:
            source = inputs[position]
            position += 1
            if source.path is not None:
                slots.append(None)
                batch.append((source.name, source.path, source.format))
                size += source.size
                continue
            data = _read(source)
            if isinstance(data, Parsed):
                slots.append(data)
            else:
                slots.append(None)
                batch.append((source.name, data, source.format))
                size += len(data)
        future = pool.submit(_parse_chunk, batch, forced) if batch else None
        flight.append((slots, future, size))
        in_flight[0] += len(slots)
        in_flight[1] += size

    def room() -> bool:
        return (
            position < len(inputs)
            and in_flight[0] < FLIGHT_INPUTS
            and in_flight[1] < FLIGHT_BYTES
            and not cancelled()
        )

    try:
        while room():
            submit_next()
        while flight:
            slots, future, size = flight.popleft()
            done = iter(future.result() if future is not None else ())
            in_flight[0] -= len(slots)
            in_flight[1] -= size
            while room():
                submit_next()
            for known in slots:
                yield known if known is not None else _from_wire(next(done))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
