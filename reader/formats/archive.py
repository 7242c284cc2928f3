"""Reading .zip archives safely: limits on count, size and compression, no unsafe names.

An archive is only ever read into memory, member by member, never extracted to disk; still,
a member whose name climbs out of the archive (``../``) or is absolute is refused, because such
an archive was made to attack an unpacker. A zip bomb is stopped by three limits: the number
of members, the total of their sizes, and how much any member expands compared with its
compressed size. Sizes in the archive's directory can lie, so reads are capped as well.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

#: The most members an archive may hold.
MAX_MEMBERS = 10_000
#: The most bytes all members of one archive may hold, uncompressed.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: The largest single member (the same cap as a file on disk).
MAX_MEMBER_BYTES = 100 * 1024 * 1024
#: How much a large member may expand; text compresses about 10:1, bombs by 1000:1 and more.
MAX_RATIO = 200
#: Members smaller than this are not held to the ratio (tiny files compress oddly).
RATIO_FLOOR = 1024 * 1024
#: Archives inside archives: this many levels and no deeper.
MAX_DEPTH = 2

_DRIVE = re.compile(r"^[A-Za-z]:")
_JUNK_PARTS = ("__MACOSX",)


class ArchiveError(Exception):
    """An archive (or one of its members) Folio refuses to read, with the reason."""


@dataclass(frozen=True, slots=True)
class Member:
    """A file inside an archive: its path there and its declared size."""

    name: str
    size: int
    info: zipfile.ZipInfo


def is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def unsafe_name(name: str) -> str | None:
    """Why a member name is unsafe (absolute, or climbing out with ``..``), or None."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "an absolute path"
    parts = re.split(r"[\\/]+", name)
    if ".." in parts:
        return "a path that climbs out of the archive (../)"
    if "\x00" in name:
        return "a name with a NUL character"
    return None


def _skipped(name: str) -> bool:
    parts = [p for p in re.split(r"[\\/]+", name) if p]
    return not parts or any(p in _JUNK_PARTS or p.startswith(".") for p in parts)


class SafeZip:
    """An open archive with its members checked against the limits up front."""

    def __init__(self, source: IO[bytes] | bytes) -> None:
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        try:
            self._zip = zipfile.ZipFile(stream)
        except zipfile.BadZipFile as exc:
            raise ArchiveError(f"not a readable zip archive ({exc})") from exc
        except (OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ArchiveError(f"not a readable zip archive ({exc})") from exc
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(
                f"the archive holds {len(infos)} files; Folio opens archives of up to {MAX_MEMBERS}"
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise ArchiveError(
                f"the archive unpacks to {total / 1048576:.0f} MB; Folio opens archives of up "
                f"to {MAX_TOTAL_BYTES // 1048576} MB"
            )
        self._read_total = 0

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def members(self) -> Iterator[Member | tuple[str, str]]:
        """Each file member, or ``(name, reason)`` for one that is refused. Folders, dot
        files and macOS resource forks are passed over silently."""
        for info in self._zip.infolist():
            name = info.filename
            if info.is_dir():
                continue
            bad = unsafe_name(name)
            if bad:
                yield name, f"refused: {bad}"
                continue
            if _skipped(name):
                continue
            yield Member(name, info.file_size, info)

    def names(self) -> list[str]:
        return [i.filename for i in self._zip.infolist() if not i.is_dir()]

    def read(self, member: Member) -> bytes:
        """The bytes of one member, within the limits (ArchiveError otherwise)."""
        info = member.info
        if info.flag_bits & 0x1:
            raise ArchiveError("the file is encrypted (password-protected archive)")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ArchiveError(
                f"the file is {info.file_size / 1048576:.0f} MB; Folio imports files up to "
                f"{MAX_MEMBER_BYTES // 1048576} MB"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ArchiveError(
                f"the file expands {info.file_size // max(info.compress_size, 1)} times "
                "(a zip bomb?); refused"
            )
        cap = min(MAX_MEMBER_BYTES, info.file_size, MAX_TOTAL_BYTES - self._read_total)
        try:
            with self._zip.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise ArchiveError(f"cannot be read from the archive ({exc})") from exc
        except NotImplementedError as exc:
            raise ArchiveError(f"uses a compression Folio cannot read ({exc})") from exc
        if len(data) > cap:
            # The directory said smaller: a crafted archive.
            raise ArchiveError("the file is larger than the archive says (a zip bomb?); refused")
        self._read_total += len(data)
        return data

    def read_name(self, name: str) -> bytes | None:
        """The bytes of the member called ``name``, or None if there is none."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            return None
        return self.read(Member(name, info.file_size, info))
