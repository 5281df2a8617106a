"""``python -m builder`` is the same as the ``coursebuild`` command."""

from builder.cli import run

run()
