"""builder.forked: work in a forked child, its result back pickled; None when the child fails."""

from __future__ import annotations

import os
from types import MappingProxyType

import pytest

from builder.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX's")


def test_the_result_comes_back_with_its_read_only_tables():
    sent = Forked(lambda: {"assets": MappingProxyType({"kuva.png": 1}), "pid": os.getpid()}).result()
    assert sent["assets"] == {"kuva.png": 1} and isinstance(sent["assets"], MappingProxyType)
    assert sent["pid"] != os.getpid()  # done in the child


def test_a_child_that_fails_gives_none():
    def fails():
        raise RuntimeError("rikki")

    assert Forked(fails).result() is None
    assert Forked(lambda: os._exit(3)).result() is None


def test_closing_without_waiting_for_the_result_reaps_the_child():
    child = Forked(lambda: "valmis")
    child.close()
    assert child.status is not None
    assert child.result() is None  # nothing read once closed


def test_parts_come_one_by_one_as_the_child_makes_them():
    """The first part is there while the child still waits to make the second."""
    import signal

    go_read, go_write = os.pipe()

    def work():
        yield "kurssi"
        os.read(go_read, 1)  # made only once the parent has taken the first part
        yield {"kuva.png": b"jpeg"}

    child = Forked(work, parts=True)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the first part waited for the second"))
    signal.alarm(10)
    try:
        assert child.next_part() == "kurssi"
    finally:
        signal.alarm(0)
    os.write(go_write, b"x")
    assert child.next_part() == {"kuva.png": b"jpeg"}
    assert child.next_part() is None and child.status == 0  # no more: reaped
    os.close(go_read)
    os.close(go_write)


def test_a_child_that_dies_between_parts_gives_the_parts_sent_whole():
    def work():
        yield "kurssi"
        os._exit(3)

    child = Forked(work, parts=True)
    assert child.next_part() == "kurssi"
    assert child.next_part() is None and child.status == 3
