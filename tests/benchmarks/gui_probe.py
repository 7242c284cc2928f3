"""The GUI half of the benchmark, run in a fresh process so start-up is measured for real.

    python -m tests.benchmarks.gui_probe --db LIBRARY --tag TAG --search WORD

Prints one JSON object: open_to_first_page_ms (from the moment the parent started this process,
given in FOLIO_BENCH_T0, to the first paint of the list with rows in it), switch_article_ms_p95
(select the next article until the reader has painted it), filter_switch_ms_p95 (All -> Unread
-> a tag -> search results, each until the list holds its new rows and has painted them),
rss_mb_open (peak resident memory after scrolling the whole list).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

T0 = float(os.environ.get("FOLIO_BENCH_T0") or time.time())
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FOLIO_CONFIG_DIR"] = tempfile.mkdtemp(prefix="folio-bench-config-")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.domain.query import View  # noqa: E402
from reader.gui.app import make_application, open_library  # noqa: E402
from reader.gui.main_window import MainWindow  # noqa: E402
from reader.gui.models.article_list import COL_TITLE  # noqa: E402
from reader.gui.models.sidebar import Entry  # noqa: E402
from reader.settings import Settings  # noqa: E402


class PaintWatch(QObject):
    """Counts paint events of a widget's viewport."""

    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.paints = 0
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def wait_until(app: QApplication, condition: object, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.0005)


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux from /proc (VmHWM): getrusage's
    ru_maxrss survives exec, so a probe started by a big parent would report the parent's
    peak (the runner, after importing 100,000 articles, held 300 MB; the window 180 MB)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--tag", required=True)
    parser.add_argument("--search", required=True)
    parser.add_argument(
        "--search-mid",
        default="",
        help="a word in a mid share of the articles: an extra search step, search_mid",
    )
    parser.add_argument("--switches", type=int, default=100)
    parser.add_argument("--filter-rounds", type=int, default=8)
    parser.add_argument(
        "--daily-backup", action="store_true", help="take the day's backup as the app would"
    )
    args = parser.parse_args()

    app = make_application([sys.argv[0]])
    # Opened as the app opens it (reader.gui.app.run): the day's backup is not taken while
    # the library opens. The app takes it afterwards in the background, once a day; measured
    # every time, the probe would time copying the whole file, not opening the window. A large
    # library's integrity check runs in the background once the first rows are shown.
    library = open_library(args.db)
    assert library is not None
    window = MainWindow(library, Settings(Path(os.environ["FOLIO_CONFIG_DIR"]) / "folio.ini"))
    list_paints = PaintWatch(window.list_view.viewport())
    window.resize(1400, 860)
    window.show()
    if args.daily_backup:
        window.take_daily_backup()
    wait_until(app, lambda: window.list_model.rowCount() > 0 and list_paints.paints > 0)
    open_ms = (time.time() - T0) * 1000

    # Switching articles: j through the list, until the reader has painted the next one.
    reader_paints = PaintWatch(window.reader.viewport())
    window.select_row(0)
    wait_until(app, lambda: window.reader.article is not None)
    switches: list[float] = []
    for _ in range(min(args.switches, window.list_model.rowCount() - 1)):
        before = reader_paints.paints
        start = time.perf_counter()
        window.move_selection(1)
        wait_until(app, lambda b=before: reader_paints.paints > b)  # type: ignore[misc]
        switches.append((time.perf_counter() - start) * 1000)

    # Filters: each switch waits for the list's new rows and their first paint.
    def switch(action: object) -> float:
        refreshed: list[bool] = []
        window.list_refreshed.connect(lambda: refreshed.append(True))
        before = list_paints.paints
        start = time.perf_counter()
        action()  # type: ignore[operator]
        wait_until(app, lambda: bool(refreshed))
        if window.list_model.rowCount():
            window.list_model.data(window.list_model.index(0, COL_TITLE))
            wait_until(app, lambda: list_paints.paints > before)
        elapsed = (time.perf_counter() - start) * 1000
        window.list_refreshed.disconnect()
        return elapsed

    steps: dict[str, object] = {
        "unread": lambda: window.select_sidebar(Entry("view", View.UNREAD.value)),
        "tag": lambda: window.select_sidebar(Entry("tag", args.tag)),
        "search": lambda: window.search(args.search),
        "clear_search": lambda: window.search(""),
        "all": lambda: window.select_sidebar(Entry("view", View.ALL.value)),
    }
    if args.search_mid:
        steps["search_mid"] = lambda: window.search(args.search_mid)
        steps["clear_search_mid"] = lambda: window.search("")
    by_step: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.filter_rounds):
        for name, action in steps.items():
            by_step[name].append(switch(action))
    # The extra steps are reported apart: the figures above stay comparable with earlier runs.
    filters = [ms for name, values in by_step.items() if not name.endswith("_mid") for ms in values]

    # Scroll the whole list, a screenful at a time, so every page of rows is fetched.
    wait_until(app, lambda: window.list_model.complete)
    view = window.list_view
    rows = window.list_model.rowCount()
    step = max(1, view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize()))
    for row in range(0, rows, step):
        view.scrollTo(window.list_model.index(row, COL_TITLE))
        app.processEvents()
    rss_mb = peak_rss_mb()

    result = {
        "open_to_first_page_ms": round(open_ms, 1),
        "switch_article_ms_p50": round(statistics.median(switches), 2) if switches else 0.0,
        "switch_article_ms_p95": round(percentile(switches, 0.95), 2),
        "filter_switch_ms_p50": round(statistics.median(filters), 2),
        "filter_switch_ms_p95": round(percentile(filters, 0.95), 2),
        "filter_switch_ms_max_by_step": {
            name: round(max(values), 2) for name, values in by_step.items()
        },
        "rss_mb_open": round(rss_mb, 1),
        "rows_scrolled": rows,
    }
    print(json.dumps(result))
    QTimer.singleShot(0, window.close)
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        shutil.rmtree(os.environ["FOLIO_CONFIG_DIR"], ignore_errors=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # The figures are out. Skip the interpreter's teardown: PySide6 can abort in it after a
    # run like this one ("bool_dealloc ... refcount error in a C extension" while collecting
    # garbage at exit), which would turn a good measurement into a failed probe.
    os._exit(status)
