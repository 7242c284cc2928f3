"""The real programs that read Folio's exports (epubcheck, pandoc, poppler's pdftotext and
pdffonts), run by the tests when they are installed, and a record of which ones ran.

``.ci/run`` installs them; a machine without them still runs every test, minus those checks,
and the end of the test output says which external checks ran and which were not run.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")

#: check name -> what happened ("ran: ..." or "not run: ...").
OUTCOMES: dict[str, str] = {}


def find(program: str, check: str) -> str | None:
    """The path of ``program``, or None (recording that ``check`` could not run)."""
    path = shutil.which(program)
    if path is None:
        OUTCOMES.setdefault(check, f"not run: {program} is not installed")
    return path


def epubcheck_command() -> list[str] | None:
    java = find("java", "epubcheck")
    if java is None:
        return None
    if not EPUBCHECK_JAR.exists():
        OUTCOMES.setdefault("epubcheck", f"not run: {EPUBCHECK_JAR} is missing")
        return None
    return [java, "-jar", str(EPUBCHECK_JAR)]


def ran(check: str, detail: str) -> None:
    OUTCOMES[check] = f"ran: {detail}"


def run(command: list[str], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


def summary() -> list[str]:
    """Lines for the end of the test output."""
    return [f"  {name}: {outcome}" for name, outcome in sorted(OUTCOMES.items())]
