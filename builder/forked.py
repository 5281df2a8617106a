"""Work done in a forked child process while this one goes on, its result sent back pickled.

The build reads and checks the course in a child while it imports WeasyPrint (builder.build), and
``check`` reads the language editions in a child while it reads the source (builder.course_check).
The child leaves with ``os._exit``, without the parent's exit handlers; a child that dies, or sends
nothing whole, gives None, and the caller does the work itself, so the outcome is the same either way.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
from types import MappingProxyType
from typing import Callable

# The model keeps its asset table in a read-only MappingProxyType, which pickle does not know.
MODEL_PICKLING = copyreg.dispatch_table.copy()
MODEL_PICKLING[MappingProxyType] = lambda proxy: (_read_only, (dict(proxy),))


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


class Forked:
    """``work()`` run in a forked child; ``result()`` is what it returned, or None.

    With ``parts=True`` ``work()`` yields its results one by one and each is sent as soon as it is
    made: ``next_part()`` waits for the next one only, so the parent can use the first while the child
    makes the rest.
    """

    def __init__(self, work: Callable[[], object], parts: bool = False) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: work, send, leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as pipe:
                    for part in (work() if parts else [work()]):
                        pipe.write(_pickled(part))
                        pipe.flush()
                status = 0
            except BaseException:  # noqa: BLE001 - whatever went wrong, the parent does the work itself
                pass
            finally:
                os._exit(status)
        os.close(write_end)
        self.pipe = os.fdopen(read_end, "rb")
        self.status: int | None = None

    def result(self) -> object | None:
        """Wait for the child; what ``work()`` returned, or None when it died or sent nothing whole."""
        try:
            data = self.pipe.read() if self.pipe is not None else b""
        finally:
            self.close()
        if self.status != 0:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a truncated or foreign message: nothing sent
            return None

    def next_part(self) -> object | None:
        """The next part the child sent (``parts=True``); None when it sends no more, whole or at all."""
        if self.pipe is None:
            return None
        try:
            return pickle.Unpickler(self.pipe).load()  # one part: a pickle ends where it ends
        except Exception:  # noqa: BLE001 - the end of the parts, a truncated one, or a child that died
            self.close()
            return None

    def close(self) -> None:
        """Stop listening (an interrupted parent: the child's write fails instead of waiting) and reap it."""
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
            self.status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


def _pickled(value: object) -> bytes:
    data = io.BytesIO()
    pickler = pickle.Pickler(data, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = MODEL_PICKLING
    pickler.dump(value)
    return data.getvalue()
