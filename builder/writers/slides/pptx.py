"""The editable PowerPoint deck, ``<short-name>-slides.pptx``, written with python-pptx.

Titles sit in title placeholders and bullets in body placeholders (real, editable text that
PowerPoint's outline and screen readers see), pictures are pictures with their alt text, and the
speaker notes are in the notes pane. The slide master carries the theme's colours and sizes so
a slide a colleague adds looks like the rest. The geometry follows slide.css: a slide is 32 x 18
ems, and one em is 1/32 of the 13.333-inch widescreen width.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from builder.diagnostics import Report
from builder.model import Asset, Course
from builder.web_images import SvgDrawingError, WebImage, slide_drawing, slide_image, svg_drawable
from builder.writers.slides.deck import Deck, DeckSlide, asset_of, html_text, picture_size_of
from builder.writers.slides.fit import Fit
from builder.writers.slides.geometry import (
    LOGO_BOX, PAD_SIDE, PAD_TOP, TITLE_LINE, TITLE_SIZE, Box, body_box, cover_title_lines, cover_title_size,
    figure_boxes, picture_size, title_lines,
)
from builder.writers.slides.pptx_package import (
    A, ACCENT, LAYOUTS, R, SLIDE_WIDTH, TEXT, add_svg_original, new_presentation, save_reproducibly, set_properties,
)
from builder.writers.slides.pptx_thumbnail import thumbnail_jpeg
from builder.writers.slides.pptx_text import Paragraph, Run, paragraphs

EM = SLIDE_WIDTH // 32  # 381000 EMU = 30 pt: the body text size at full scale
MUTED = "3D3D3D"
CORRECT = "1A5C1F"  # the right answers on an answer slide
LEVEL_SIZES = (1.0, 0.9, 0.8)  # body text size by list level, of the slide's text size
LAYOUT_TITLE, LAYOUT_CONTENT, LAYOUT_SECTION, LAYOUT_TWO, LAYOUT_TITLE_ONLY = LAYOUTS.values()  # by name
PICTURE_TYPES = {"image/png", "image/jpeg", "image/gif"}
SVG = "image/svg+xml"
LANGUAGE_IDS = {"fi": "FINNISH", "sv": "SWEDISH_FINLAND", "en": "ENGLISH_UK"}


def write_pptx(course: Course, deck: Deck, fits: tuple[Fit, ...], target: Path, report: Report) -> Path:
    presentation = new_presentation()
    builder = _DeckBuilder(course, presentation, report, target.name)
    for slide, fit in zip(deck.slides, fits):
        builder.add(slide, fit)
    set_properties(presentation, course, deck.title, _thumbnail(course, deck.slides[0]))
    target.write_bytes(save_reproducibly(presentation, course.build_time))
    return target


def _thumbnail(course: Course, title: DeckSlide) -> bytes:
    """The preview picture: the title slide drawn small, its logo stored as on the slide."""
    logo = None
    if title.logo and title.logo in course.assets:
        asset = course.assets[title.logo]
        stored = deck_picture(asset, *picture_size(LOGO_BOX, *picture_size_of(asset)))
        logo = stored.data if stored is not None else None
    return thumbnail_jpeg(course, title, logo, ACCENT, TEXT)


class _Look(NamedTuple):
    """How a run of slide text looks: its size, its colour, and the slide part its links belong to."""

    centipoints: int
    color: str
    part: object


class _DeckBuilder:
    def __init__(self, course: Course, presentation, report: Report, output: str) -> None:
        from pptx.enum.lang import MSO_LANGUAGE_ID

        self.course = course
        self.presentation = presentation
        self.report = report
        self.output = output
        self.svg_parts: dict[str, object] = {}  # SVG parts stored, by content: each file once
        self.notes_placeholders: list | None = None  # of the first notes page made, before any text
        self.language_tag = MSO_LANGUAGE_ID.to_xml(
            getattr(MSO_LANGUAGE_ID, LANGUAGE_IDS.get(course.meta.language, "ENGLISH_UK")))

    def add(self, slide: DeckSlide, fit: Fit) -> None:
        if slide.kind in ("title", "closing"):
            made = self._cover(slide)
        elif slide.kind == "section":
            made = self._section(slide)
        else:
            made = self._content(slide, fit)
        self._notes(made, slide)

    # Slides of each kind

    def _cover(self, slide: DeckSlide):
        made = self._new(LAYOUT_TITLE)
        title, subtitle = made.placeholders[0], made.placeholders[1]
        size = cover_title_size(slide.title)
        top = 5.6 if slide.kind == "title" else 6.4
        height = cover_title_lines(slide.title, size) * size * 1.12 + 0.4
        _place(title, PAD_SIDE, top - 0.2, 29, height)
        self._set_text(title.text_frame, [Paragraph(_runs(slide.title))], size=size, color=ACCENT, bold=True)
        _anchor(title.text_frame, "t")
        _place(subtitle, PAD_SIDE, top - 0.2 + height + 0.5, 26, 3.5)
        self._set_text(subtitle.text_frame, [Paragraph(_runs(line)) for line in slide.lines], size=1.05, color=TEXT,
                       align="l")
        _anchor(subtitle.text_frame, "t")
        if slide.logo and slide.logo in self.course.assets:
            self._picture(made, self.course.assets[slide.logo], LOGO_BOX, slide.logo_alt, align="right")
        bar = made.shapes.add_shape(1, 0, _emu(17.5), SLIDE_WIDTH, _emu(0.5))  # 1: rectangle
        bar.fill.solid()
        bar.fill.fore_color.rgb = _rgb(ACCENT)
        bar.line.fill.background()
        bar.name = "Accent bar"
        return made

    def _section(self, slide: DeckSlide):
        made = self._new(LAYOUT_SECTION)
        fill = made.background.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(ACCENT)
        title, text = made.placeholders[0], made.placeholders[1]
        _place(text, PAD_SIDE, 3.0, 29, 1.4)
        self._set_text(text.text_frame, [Paragraph(_runs(slide.kicker.upper()))], size=1.0, color="FFFFFF", bold=True)
        _anchor(text.text_frame, "b")
        size = cover_title_size(slide.title)
        height = cover_title_lines(slide.title, size) * size * 1.15 + 0.3
        _place(title, PAD_SIDE, 4.5, 29, height)
        self._set_text(title.text_frame, [Paragraph(_runs(slide.title))], size=size, color="FFFFFF", bold=True)
        _anchor(title.text_frame, "t")
        if slide.lines:
            box = made.shapes.add_textbox(_emu(PAD_SIDE), _emu(4.5 + height + 0.3), _emu(26), _emu(3))
            box.name = "Summary"
            box.text_frame.word_wrap = True
            self._set_text(box.text_frame, [Paragraph(_runs(line)) for line in slide.lines], size=1.05, color="FFFFFF")
        return made

    def _content(self, slide: DeckSlide, fit: Fit):
        layout = slide.layout
        text_html, media_html = slide.parts
        kind = {"split": LAYOUT_TWO, "image": LAYOUT_TITLE_ONLY}.get(layout, LAYOUT_CONTENT)
        made = self._new(kind)
        title = made.placeholders[0]
        _place(title, PAD_SIDE, PAD_TOP - 0.1, 29, title_lines(slide.title) * TITLE_SIZE * TITLE_LINE + 0.2)
        self._set_text(title.text_frame, [Paragraph(_runs(slide.title))], size=TITLE_SIZE, color=ACCENT, bold=True)
        _anchor(title.text_frame, "t")
        body = body_box(slide.title)
        if layout in ("split", "text", "plain"):
            text = made.placeholders[1]
            width = body.width * fit.text_share
            _place(text, body.left, body.top, width, body.height)
            self._set_text(text.text_frame, paragraphs(text_html), size=fit.scale, color=TEXT, body=True)
            _anchor(text.text_frame, "t")
            _shrink_on_overflow(text.text_frame)
        if layout == "split":
            right = made.placeholders[2]
            right._element.getparent().remove(right._element)
        if media_html:
            self._media(made, slide, media_html, fit.text_share)
        return made

    # Pieces

    def _new(self, layout: str):
        return self.presentation.slides.add_slide(self.presentation.slide_layouts.get_by_name(layout))

    def _media(self, made, slide: DeckSlide, media_html: str, text_share: float) -> None:
        """Each figure's picture filling its box from the slide geometry, its caption under it."""
        from lxml import html as lxml_html

        root = lxml_html.fragment_fromstring(media_html, create_parent="div")
        figures = [f for f in root.iter("figure") if f.find(".//img") is not None]
        captions = [f.find(".//figcaption") for f in figures]
        boxes = figure_boxes(slide, [c is not None for c in captions], text_share)
        for figure, caption, box in zip(figures, captions, boxes):
            img = figure.find(".//img")
            asset = asset_of(self.course, img.get("src", ""))
            if asset is None:
                continue
            picture = self._picture(made, asset, box, img.get("alt", ""))
            if caption is not None and picture is not None:
                text = made.shapes.add_textbox(_emu(box.left), int(picture.top + picture.height) + _emu(0.15),
                                               _emu(box.width), _emu(1.1))
                text.name = "Caption"
                self._set_text(text.text_frame, [Paragraph(_runs(" ".join(caption.text_content().split())))],
                               size=0.7, color=MUTED, align="ctr")

    def _picture(self, made, asset: Asset, box: Box, alt: str, align: str = "center"):
        """``asset`` as a picture filling ``box`` (centred, or against its right edge)."""
        width, height = picture_size(box, *picture_size_of(asset))
        stored = deck_picture(asset, width, height)
        if stored is None:  # the checks have said so (builder.checks), before any writer ran
            return None
        left = box.left + (box.width - width) / (1 if align == "right" else 2)
        picture = made.shapes.add_picture(io.BytesIO(stored.data), _emu(left), _emu(box.top), _emu(width),
                                          _emu(height))
        if asset.mimetype == SVG:
            add_svg_original(picture, asset.path.read_bytes(), self.svg_parts)
        picture._element.nvPicPr.cNvPr.set("descr", alt)
        picture.name = asset.filename
        return picture

    def _set_text(self, frame, paras: list[Paragraph], size: float, color: str, bold: bool = False,
                  body: bool = False, align: str = "") -> None:
        """Fill ``frame`` with ``paras``; ``size`` is in slide ems (1.0 = 30 pt)."""
        from pptx.util import Pt

        frame.word_wrap = True
        if not paras:
            paras = [Paragraph()]
        first = True
        for para in paras:
            target = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            target.level = min(para.level, 4)
            if body:
                _bullet(target, para)
            if align:
                target._p.get_or_add_pPr().set("algn", align)
            scale = LEVEL_SIZES[min(para.level, len(LEVEL_SIZES) - 1)] if body else 1.0
            if body:  # the space after a list item (.3em) or a paragraph (.5em), as in slide.css
                target.space_after = Pt(round(30 * size * (0.3 if para.bullet != "none" else 0.5)))
            centipoints = Pt(round(30 * size * scale * 2) / 2).centipoints
            for run in para.runs:
                self._run(target, run, bold or run.bold,
                          _Look(centipoints, CORRECT if para.correct else color, frame.part))

    def _run(self, paragraph, run: Run, bold: bool, look: _Look | None = None) -> None:
        """``run`` at the end of ``paragraph`` as python-pptx's run and font properties write it (size,
        bold, italic, language, colour, typeface, link, in that order), made at once instead of through
        lookups for each property: a third of the deck's writing time. Without ``look`` (the speaker
        notes) only bold, italic and the language. tests/test_slides_pptx.py compares the deck's bytes
        with python-pptx's own way."""
        made = paragraph._p.add_r()
        made.text = run.text  # with python-pptx's escapes of control characters
        properties = made.get_or_add_rPr()
        if look is not None:
            properties.set("sz", str(look.centipoints))
        if bold:
            properties.set("b", "1")
        if run.italic:
            properties.set("i", "1")
        properties.set("lang", self.language_tag)
        if look is None:
            return
        etree.SubElement(etree.SubElement(properties, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr", val=look.color)
        if run.code:
            etree.SubElement(properties, f"{{{A}}}latin", typeface="Courier New")
        if run.link:
            from pptx.opc.constants import RELATIONSHIP_TYPE as RT

            relationship = look.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
            etree.SubElement(properties, f"{{{A}}}hlinkClick", {f"{{{R}}}id": relationship})

    def _notes(self, made, slide: DeckSlide) -> None:
        if not slide.notes_html:
            return
        frame = self._notes_page(made).notes_text_frame
        paras = paragraphs(slide.notes_html) or [Paragraph(_runs(html_text(slide.notes_html)))]
        for index, para in enumerate(paras):
            target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            for run in para.runs:
                self._run(target, run, run.bold)


    def _notes_page(self, made):
        """The slide's notes page, made as python-pptx makes it: a new part related to the notes master
        and the slide, with the master's slide picture, text and number placeholders.

        python-pptx clones those from the master one by one for each page (1.4 ms a page, through many
        XPath lookups); they come out the same each time, so after the first page they are copied from
        it. tests/test_slides_pptx.py compares the deck's bytes with python-pptx's own way.
        """
        if self.notes_placeholders is None:
            notes = made.notes_slide
            self.notes_placeholders = [copy.deepcopy(shape) for shape in notes.shapes._spTree.iter_shape_elms()]
            return notes
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import NotesSlidePart

        package = made.part.package
        page = NotesSlidePart._add_notes_slide_part(package, made.part, package.presentation_part.notes_master_part)
        tree = page.notes_slide.shapes._spTree
        for shape in self.notes_placeholders:
            tree.append(copy.deepcopy(shape))
        made.part.relate_to(page, RT.NOTES_SLIDE)
        return made.notes_slide


def _runs(text: str) -> list[Run]:
    return [Run(text)] if text else []


def _emu(ems: float) -> int:
    return int(round(ems * EM))


def _rgb(value: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(value)


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top, shape.width, shape.height = _emu(left), _emu(top), _emu(width), _emu(height)


def _anchor(frame, where: str) -> None:
    frame._txBody.bodyPr.set("anchor", where)


def _shrink_on_overflow(frame) -> None:
    """Let PowerPoint and Impress shrink the text if an editor adds more than fits."""
    body = frame._txBody.bodyPr
    for child in list(body):
        if child.tag in (f"{{{A}}}noAutofit", f"{{{A}}}spAutoFit", f"{{{A}}}normAutofit"):
            body.remove(child)
    etree.SubElement(body, f"{{{A}}}normAutofit")


def _bullet(paragraph, para: Paragraph) -> None:
    """The paragraph's list marker: the master's bullet, a number, a letter, or none at all."""
    ppr = paragraph._p.get_or_add_pPr()
    for child in list(ppr):
        if child.tag in (f"{{{A}}}buNone", f"{{{A}}}buAutoNum", f"{{{A}}}buChar"):
            ppr.remove(child)
    if para.bullet == "none":
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        etree.SubElement(ppr, f"{{{A}}}buNone")
    elif para.bullet in ("number", "letter"):
        margin = 571500 + para.level * 457200
        ppr.set("marL", str(margin))
        ppr.set("indent", "-457200")
        number = etree.SubElement(ppr, f"{{{A}}}buAutoNum")
        number.set("type", "arabicPeriod" if para.bullet == "number" else "alphaUcPeriod")
        if para.start != 1:
            number.set("startAt", str(para.start))


def deck_picture(asset: Asset, width_em: float, height_em: float) -> WebImage | None:
    """The picture the deck stores for ``asset`` shown ``width_em`` x ``height_em`` slide ems large:
    scaled to that, an SVG drawn as PNG; None when PowerPoint cannot be given it."""
    if asset.mimetype == SVG:
        try:
            return slide_drawing(asset, width_em, height_em)
        except SvgDrawingError:
            return None
    picture = slide_image(asset, width_em, height_em)  # a WebP becomes a PNG or a JPEG
    return picture if picture.mimetype in PICTURE_TYPES else None


def shows_in_pptx(asset: Asset) -> bool:
    """Whether the PowerPoint deck can show ``asset``: any picture the reader accepts that is
    not an SVG too troublesome to draw (tried small, which tells as well as full size)."""
    if asset.mimetype != SVG:
        return asset.mimetype in PICTURE_TYPES or asset.mimetype == "image/webp"
    return svg_drawable(asset)
