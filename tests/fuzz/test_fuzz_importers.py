"""Every registered importer, fed random bytes and mutations of valid files: the only
outcomes allowed are articles and ImportFormatError (raised, or yielded for one item).
Detection must likewise pick an importer or say that none reads the file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.domain.article import ArticleDraft
from reader.domain.errors import ImportFormatError
from reader.formats import registry
from tests.fuzz.seeds import extension_for, seeds

IMPORTERS = registry.importers()
NAMES = [fmt.name for fmt in IMPORTERS]
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_outcome(fmt: registry.ImportFormat, data: bytes, name: str) -> int:
    """Run one importer; fail on anything but drafts and ImportFormatError. Returns articles."""
    articles = 0
    try:
        items: Iterator[object] = fmt.parse(data, name=name)
        for item in items:
            if isinstance(item, ImportFormatError):
                assert str(item)
                continue
            assert isinstance(item, ArticleDraft), type(item)
            assert isinstance(item.body, str) and isinstance(item.title, str)
            assert all(isinstance(t, str) for t in item.tags)
            articles += 1
    except ImportFormatError as exc:
        reason = str(exc).strip()
        assert reason, "an ImportFormatError needs a reason"
    return articles


def check_detect(data: bytes, name: str) -> None:
    try:
        fmt = registry.detect(data[:65536], name)
    except ImportFormatError:
        return
    assert fmt in IMPORTERS


@st.composite
def mutate(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid file with a few edits: bytes flipped, inserted, deleted, repeated, cut."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=16),
                    st.sampled_from(
                        [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b"&", b"{", b"[", b'"',
                         b"\\u0000", b"---\n", b"\r", b"\xe2\x80\xae", b"&#x0;", b"]]>"]
                    ),
                )
            )  # fmt: skip
        elif kind == "delete" and data:
            end = draw(st.integers(at, min(len(data), at + 64)))
            del data[at:end]
        elif kind == "repeat" and data:
            end = draw(st.integers(at, min(len(data), at + 64)))
            data[at:at] = data[at:end] * draw(st.integers(1, 8))
        elif kind == "cut":
            del data[at:]
        elif kind == "splice" and data:
            other = draw(st.sampled_from([s for ss in seeds().values() for s in ss]))
            data[at:] = other[draw(st.integers(0, max(len(other) - 1, 0))) :]
    return bytes(data)


@pytest.mark.parametrize("importer_name", NAMES)
@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes(importer_name: str, data: bytes) -> None:
    fmt = registry.importer(importer_name)
    name = f"fuzz.{extension_for(importer_name)}"
    check_outcome(fmt, data, name)
    check_detect(data, name)


@pytest.mark.parametrize("importer_name", NAMES)
@FUZZ
@given(st.data())
def test_mutated_valid_files(importer_name: str, data: st.DataObject) -> None:
    fmt = registry.importer(importer_name)
    choices = seeds().get(importer_name, ())
    assert choices, f"no valid sample to mutate for {importer_name}"
    seed = data.draw(st.sampled_from(choices))
    mutated = data.draw(mutate(seed))
    name = f"fuzzed.{extension_for(importer_name)}"
    check_outcome(fmt, mutated, name)
    check_detect(mutated, name)


@pytest.mark.parametrize("importer_name", NAMES)
def test_every_seed_imports(importer_name: str) -> None:
    """The seeds are valid: each gives at least one article (so mutations start from sense)."""
    fmt = registry.importer(importer_name)
    for seed in seeds()[importer_name]:
        assert check_outcome(fmt, seed, f"seed.{extension_for(importer_name)}") >= 1


YAML_BOMB = (
    b"---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n".encode()
        for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    + b"title: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n---\nbody\n"
)

HOSTILE: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("nul bytes", b"\x00" * 5000),
    ("deep json", b"[" * 100_000 + b"]" * 100_000),
    ("deep json object", b'{"folio": 1, "articles": ' + b"[" * 50_000),
    ("deep yaml", b"---\ntitle: " + b"[" * 50_000 + b"\n---\nbody\n"),
    ("yaml alias bomb", YAML_BOMB),
    ("yaml python tag", b"---\ntitle: !!python/object/apply:os.system ['true']\n---\nbody\n"),
    ("billion laughs", b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
     b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
     b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
     b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
     b'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
     b'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
     b'<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
     b'<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
     b'<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
     b"<rss><channel><item><title>&lol9;</title></item></channel></rss>"),
    ("external entity", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
     b"<rss><channel><item><title>&x;</title><description>&x;</description></item></channel></rss>"),
    ("long line", b"a" * 2_000_000),
    ("many lines", b"line\n" * 200_000),
    ("utf16 garbage", b"\xff\xfe" + bytes(range(256)) * 20),
    ("invalid utf8", b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc" * 500),
    ("html bomb", b"<div>" * 100_000),
    ("csv quote", b'"' + b"a" * 100_000),
    # Found by the atheris run: addresses urlsplit refuses ("Invalid IPv6 URL").
    ("broken ipv6 addresses", b'<!DOCTYPE html><html><head><link rel="canonical" '
     b'href="http://[abc"><base href="http://[x"><meta property="og:url" content="https://[">'
     b'</head><body><article><p>' + b"Seals rest on the flats. " * 20 + b'<a href="http://[y">'
     b'x</a><img src="http://[z"></p></article></body></html>'),
    ("malformed marked section", b"<![DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT>"
     b'<A HREF="https://example.org/a">A</A></DL>'),
]  # fmt: skip


@pytest.mark.timeout(60)
@pytest.mark.parametrize("importer_name", NAMES)
@pytest.mark.parametrize(("label", "data"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files(importer_name: str, label: str, data: bytes, tmp_path: object) -> None:
    fmt = registry.importer(importer_name)
    name = f"hostile.{extension_for(importer_name)}"
    check_outcome(fmt, data, name)
    if label in ("billion laughs", "external entity"):
        # Entities are never expanded: no laughter and no file content in any article.
        for item in _items(fmt, data, name):
            if isinstance(item, ArticleDraft):
                text = item.title + item.body
                assert "lollollol" not in text
                assert len(text) < 10_000


def _items(fmt: registry.ImportFormat, data: bytes, name: str) -> list[object]:
    try:
        return list(fmt.parse(data, name=name))
    except ImportFormatError:
        return []
