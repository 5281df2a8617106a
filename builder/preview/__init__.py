"""``coursebuild serve``: a live preview of the course on localhost that follows every edit.

``session.serve`` ties the parts together: ``site`` renders the pages into a preview folder,
``server`` serves that folder and a reload signal, ``watcher`` reruns ``site`` on every change,
and ``pdfs`` makes the full build (PDFs) in a child process in the background.
"""

import jinja2

TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("builder.preview", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
