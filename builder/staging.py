"""Writing outputs atomically: everything goes to a staging folder, then replaces output/ files at once."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class Staging:
    """A fresh folder inside ``output_dir`` whose files replace their namesakes only on ``commit()``.

    The staging folder sits inside the output folder so that ``os.replace`` is a rename on the
    same file system; a build that fails calls ``discard()`` and the output folder is untouched.
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = Path(output_dir)
        # The folders this build makes (output/ and any missing parent), innermost first: a build
        # that fails removes them again, so it leaves the disk exactly as it was.
        self._made = [p for p in (self.output_dir, *self.output_dir.parents) if not p.exists()]
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.output_dir))

    def target(self, name: str) -> Path:
        """The staging path for output file ``name``; refuses names that would leave the folder."""
        candidate = (self.path / name).resolve()
        if candidate.parent != self.path.resolve() or name in ("", ".", ".."):
            raise ValueError(f"unsafe output name {name!r}")
        return candidate

    def commit(self) -> list[Path]:
        written = []
        for staged in sorted(self.path.iterdir()):
            final = self.output_dir / staged.name
            if final.is_dir() and not final.is_symlink():
                shutil.rmtree(final)
            os.replace(staged, final)
            written.append(final)
        self._made = []  # they hold the outputs now
        self.discard()
        return written

    def discard(self) -> None:
        """Remove the staging folder, and the folders made for this build."""
        shutil.rmtree(self.path, ignore_errors=True)
        for folder in self._made:
            try:
                folder.rmdir()  # only while empty: nothing anyone else put there is ever removed
            except OSError:
                break
