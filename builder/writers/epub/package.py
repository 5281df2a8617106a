"""The EPUB container: the package document (content.opf) and a zip that is byte-identical for the same contents.

Written with lxml and zipfile rather than a library: EbookLib stamps each zip entry with the
clock and writes ``dcterms:modified`` from it unless told otherwise, and has no place for the
page-list source or a content document of our own as the navigation document; what an EPUB
needs beyond that is one manifest, one spine and the container file.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lxml import etree

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no clock in the bytes


@dataclass(frozen=True)
class Item:
    """One file of the publication, by its path inside EPUB/."""

    href: str
    media_type: str
    data: bytes
    in_spine: bool = False
    properties: str = ""


def package_document(items: Sequence[Item], metadata: Sequence[tuple[str, str, dict]], language: str) -> bytes:
    """content.opf: ``metadata`` is (qualified name, text, attributes) in order, e.g. ('dc:title', ..., {})."""
    root = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF}, attrib={
        "version": "3.0", "unique-identifier": "publication-id", "{http://www.w3.org/XML/1998/namespace}lang": language})
    meta = etree.SubElement(root, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    for name, text, attributes in metadata:
        prefix, _, local = name.partition(":")
        tag = f"{{{DC}}}{local}" if prefix == "dc" else f"{{{OPF}}}{name}"
        element = etree.SubElement(meta, tag, attrib=attributes)
        element.text = text
    manifest = etree.SubElement(root, f"{{{OPF}}}manifest")
    spine = etree.SubElement(root, f"{{{OPF}}}spine")
    for number, item in enumerate(items, start=1):
        attributes = {"id": f"item-{number}", "href": item.href, "media-type": item.media_type}
        if item.properties:
            attributes["properties"] = item.properties
        etree.SubElement(manifest, f"{{{OPF}}}item", attrib=attributes)
        if item.in_spine:
            etree.SubElement(spine, f"{{{OPF}}}itemref", idref=f"item-{number}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_epub(target: Path, items: Sequence[Item], package: bytes) -> None:
    """The .epub: ``mimetype`` first and stored, then the container, then every file in sorted order, all dated 1980-01-01."""
    entries = {"META-INF/container.xml": CONTAINER, "EPUB/content.opf": package}
    entries.update({f"EPUB/{item.href}": item.data for item in items})
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        _add(archive, "mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        for name in sorted(entries):
            _add(archive, name, entries[name], zipfile.ZIP_DEFLATED)
    os.replace(tmp, target)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, compression: int) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whichever system builds it
    archive.writestr(info, data, compress_type=compression, compresslevel=9 if compression else None)
