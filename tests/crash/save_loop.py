"""Run by the kill tests: save one article over and over, each version's body saying which
version it is, until killed. ``python -m tests.crash.save_loop LIBRARY ARTICLE_ID``."""

from __future__ import annotations

import sys
from dataclasses import replace

from reader.library import Library


def body_for(version: int) -> str:
    return f"Text of version {version}. " * 4000


def main(path: str, article_id: str) -> None:
    with Library.open(path, daily_backup=False) as lib:
        while True:
            article = lib.get(article_id)
            lib.update(
                replace(
                    article,
                    body=body_for(article.version + 1),
                    title=f"Version {article.version + 1}",
                )
            )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
