"""builder.pdf.page_starts reads the booklet's pages with the cyclic garbage collector paused, and leaves
it as it found it."""

from __future__ import annotations

import gc

import pytest

from builder.pdf import page_starts


def test_the_collector_is_paused_while_the_pages_are_read_and_restored(monkeypatch):
    seen = []
    monkeypatch.setattr(page_starts, "_page_starts", lambda root, pdf, stop_at: seen.append(gc.isenabled()) or [])
    assert gc.isenabled()
    assert page_starts.page_starts(None, None, None) == []
    assert seen == [False] and gc.isenabled()

    def fails(root, pdf, stop_at):
        raise RuntimeError("pdftotext went away")

    monkeypatch.setattr(page_starts, "_page_starts", fails)
    with pytest.raises(RuntimeError):
        page_starts.page_starts(None, None, None)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had it off finds it off
        monkeypatch.setattr(page_starts, "_page_starts", lambda root, pdf, stop_at: [])
        page_starts.page_starts(None, None, None)
        assert not gc.isenabled()
    finally:
        gc.enable()
