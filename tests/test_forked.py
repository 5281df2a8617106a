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
