"""The deck's slide sequence: derived from the course model, in source order, nothing written twice."""

from __future__ import annotations

from slides_support import fixture_course

from builder.writers.slides.deck import build_deck, layout_of


def test_the_deck_is_title_agenda_then_each_chapter_then_closing():
    course = fixture_course(question_slides=False)
    deck = build_deck(course)
    expected = [("title", "Testidiat"), ("agenda", "Ohjelma")]
    for chapter in course.chapters:
        expected.append(("section", chapter.title))
        expected.extend(("content", slide.title) for slide in chapter.slides)
    expected.append(("closing", "Kiitos!"))
    assert [(s.kind, s.title) for s in deck.slides] == expected
    assert [s.title for s in deck.slides] == [
        "Testidiat", "Ohjelma",
        "Aloitus", "Ensimmäinen dia", "Kuva ja teksti", "Pelkkä kuva",
        "Turvallisuus verkossa", "Salasanat",
        "Lyhyt ohje",
        "Kiitos!",
    ]


def test_chapter_slides_are_the_models_own_with_their_source_lines():
    course = fixture_course()
    deck = build_deck(course)
    from_chapters = [s for s in deck.slides if s.kind == "content"]
    model = [s for c in course.chapters for s in c.slides]
    assert [(s.title, s.body_html, s.notes_html, s.pos) for s in from_chapters] == \
        [(s.title, s.body_html, s.notes_html, s.pos) for s in model]
    assert [str(s.pos) for s in from_chapters] == ["01-aloitus.md:9", "01-aloitus.md:19", "01-aloitus.md:32",
                                                   "02-turva.md:9"]


def test_question_slides_follow_their_chapter_each_question_then_its_answer():
    deck = build_deck(fixture_course(question_slides=True))
    kinds = [s.kind for s in deck.slides]
    assert kinds == ["title", "agenda", "section", "content", "content", "content",
                     "section", "content", "question", "answer", "section", "closing"]
    question, answer = deck.slides[8], deck.slides[9]
    assert (question.title, answer.title) == ("Kysymys", "Vastaus")
    assert "Saako salasanan kertoa opastajalle?" in question.body_html
    assert "✓" not in question.body_html and "Salasana on henkilökohtainen" not in question.body_html
    assert '<li class="correct"><strong>✓ Ei</strong></li>' in answer.body_html
    assert "Salasana on henkilökohtainen." in answer.body_html
    assert "Oikein." in answer.notes_text  # the options' feedback is for the trainer


def test_title_agenda_section_and_closing_come_from_course_yml_and_chapters():
    course = fixture_course()
    deck = build_deck(course)
    title, agenda, closing = deck.slides[0], deck.slides[1], deck.slides[-1]
    assert title.lines == ("Testikurssi", "Testiyhdistys ry")
    # the logo reads what it shows: by default the course's title (not the deck's, not the organisation's name)
    assert title.logo == closing.logo == "images/logo.png" and title.logo_alt == closing.logo_alt == "Testikurssi"
    assert agenda.body_html == '<ol class="agenda"><li>Aloitus</li><li>Turvallisuus verkossa</li><li>Lyhyt ohje</li></ol>'
    assert closing.lines == ("Testiyhdistys ry, puh. 040 123 4567, www.example.fi",)
    sections = [s for s in deck.slides if s.kind == "section"]
    assert [(s.kicker, s.title, s.lines) for s in sections] == [
        ("Luku 1", "Aloitus", ("Ensimmäinen luku, jossa on kaksi diaa.",)),
        ("Luku 2", "Turvallisuus verkossa", ("Toinen luku, jossa on dia ja kysymys.",)),
        ("Ohje 3", "Lyhyt ohje", ("Ohje ilman dioja.",)),
    ]


def test_the_deck_title_defaults_to_the_course_title():
    from dataclasses import replace

    course = fixture_course()
    course = replace(course, meta=replace(course.meta, slides=replace(course.meta.slides, title="")))
    deck = build_deck(course)
    assert deck.title == deck.slides[0].title == "Testikurssi"
    assert deck.slides[0].lines == ("Pieni kurssi diojen testaamiseen", "Testiyhdistys ry")


def test_layout_is_text_picture_or_both_side_by_side():
    assert layout_of("<ul><li>a</li></ul>") == "text"
    assert layout_of('<figure><img src="asset:a.png" alt="a"></figure>') == "image"
    assert layout_of('<ul><li>a</li></ul>\n<figure><img src="asset:a.png" alt="a"></figure>') == "split"
    assert layout_of("") == "plain"


def test_the_slides_the_deck_makes_itself_have_notes_on_what_the_chapter_covers_and_what_comes_next():
    course = fixture_course(question_slides=False)
    deck = build_deck(course)
    made = {kind: [s for s in deck.slides if s.kind == kind] for kind in ("title", "agenda", "section", "closing")}
    assert all(s.notes_text for slides in made.values() for s in slides)
    assert made["title"][0].notes_text.startswith("Tervetuloa!")
    assert "Seuraavaksi: Ohjelma" in made["title"][0].notes_text
    total = sum(len(c.slides) for c in course.chapters)
    first, second = course.chapters[0], course.chapters[1]
    agenda = made["agenda"][0].notes_text
    assert f"Luku 1: {first.title} – {first.summary} (Dioja {len(first.slides)}/{total})" in agenda
    assert f"Seuraavaksi: Luku 1: {first.title}" in agenda
    divider = made["section"][0]
    assert divider.notes_text.startswith(first.summary)
    assert f"Luvun diat (Dioja {len(first.slides)}/{total}):" in divider.notes_text
    assert all(slide.title in divider.notes_text for slide in first.slides)
    assert divider.notes_text.endswith(f"Luvun jälkeen: Luku 2: {second.title}")
    assert made["section"][-1].notes_text.endswith("Luvun jälkeen: Kiitos!")
    closing = made["closing"][0].notes_text
    assert all(f"{c.number}: {c.title}" in closing for c in course.chapters)
