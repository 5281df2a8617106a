"""Watching the course and assets folders (watchfiles): a set of changed paths per burst of saves."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Iterable

import watchfiles

# Yield a burst of changes once the files have been quiet for STEP ms (an editor's save is
# several events); never wait longer than DEBOUNCE ms while they keep changing.
STEP_MS = 30
DEBOUNCE_MS = 300
IDLE_MS = 200  # how often an idle watcher wakes; its first wake-up says it is watching


class SourceFilter(watchfiles.DefaultFilter):
    """watchfiles' default (editor swap files, .git ...) plus anything inside the preview folder."""

    def __init__(self, ignore: Iterable[Path]) -> None:
        super().__init__(ignore_paths=[str(Path(p).resolve()) for p in ignore])


def watch_sources(paths: Iterable[Path], on_change: Callable[[set[Path]], None], stop: threading.Event,
                  ignore: Iterable[Path] = (), on_watching: Callable[[], None] | None = None) -> None:
    """Call ``on_change`` with the changed paths after every burst of changes, until ``stop`` is set.

    ``on_watching`` runs once, as soon as changes can no longer be missed.
    """
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    watching = False
    for changes in watchfiles.watch(*folders, watch_filter=SourceFilter(ignore), stop_event=stop, step=STEP_MS,
                                    debounce=DEBOUNCE_MS, rust_timeout=IDLE_MS, yield_on_timeout=True):
        if not watching:
            watching = True
            if on_watching:
                on_watching()
        if changes:
            on_change({Path(path) for _, path in changes})
