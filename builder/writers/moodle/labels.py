"""Names and texts the Moodle writers give to what they add themselves, per course language."""

from __future__ import annotations

# product name -> (activity name, description)
RESOURCES: dict[str, dict[str, tuple[str, str]]] = {
    "fi": {
        "booklet-pdf": ("Kurssimateriaali (PDF)", "Koko kurssin aineisto tulostettavana PDF-tiedostona."),
        "slides-pdf": ("Diaesitys (PDF)", "Koulutuksen diat PDF-tiedostona."),
    },
    "sv": {
        "booklet-pdf": ("Kursmaterial (PDF)", "Hela kursmaterialet som en utskrivbar PDF-fil."),
        "slides-pdf": ("Bildspel (PDF)", "Utbildningens bilder som en PDF-fil."),
    },
    "en": {
        "booklet-pdf": ("Course booklet (PDF)", "The whole course material as a printable PDF file."),
        "slides-pdf": ("Slide deck (PDF)", "The training's slides as a PDF file."),
    },
}


def resource_label(language: str, product: str) -> tuple[str, str]:
    return RESOURCES.get(language, RESOURCES["en"])[product]


# Said in section 0 when the PDFs could not be made (no Pango on the computer that built the backup).
LACKING_PDFS = {
    "fi": "Tästä kurssista puuttuvat PDF-tiedostot: {names}. Ne jäivät tekemättä, koska tietokoneelta, jolla "
          "kurssi koottiin, puuttui PDF-tiedostojen tekemiseen tarvittava Pango-kirjasto.",
    "sv": "Den här kursen saknar PDF-filerna: {names}. De gjordes inte, eftersom datorn som byggde kursen "
          "saknade biblioteket Pango som behövs för att göra PDF-filer.",
    "en": "This course lacks the PDF files: {names}. They were not made because the computer that built the "
          "course lacked the Pango library that PDF files are made with.",
}


def lacking_pdfs(language: str, names: list[str]) -> str:
    return LACKING_PDFS.get(language, LACKING_PDFS["en"]).format(names=", ".join(names))


# What a chapter's self-check quiz says about itself.
QUIZ_DESCRIPTIONS = {
    "fi": "Testaa, mitä opit luvusta. Saat palautteen heti jokaisesta vastauksesta, ja voit yrittää "
    "niin monta kertaa kuin haluat.",
    "sv": "Testa vad du har lärt dig i kapitlet. Du får respons direkt på varje svar och kan försöka "
    "hur många gånger du vill.",
    "en": "Check what you learnt in this chapter. You get feedback on every answer at once, and you can "
    "try as many times as you like.",
}

# Moodle's own feedback for a whole multichoice answer: correct, partially correct, incorrect.
COMBINED_FEEDBACK = {
    "fi": ("Vastauksesi on oikein.", "Vastauksesi on osittain oikein.", "Vastauksesi on väärin."),
    "sv": ("Ditt svar är rätt.", "Ditt svar är delvis rätt.", "Ditt svar är fel."),
    "en": ("Your answer is correct.", "Your answer is partially correct.", "Your answer is incorrect."),
}


# A chapter's Page, and in the book layout the link in its section to its chapter of the book.
READ_CHAPTER = {"fi": "Lue luku: {title}", "sv": "Läs kapitlet: {title}", "en": "Read the chapter: {title}"}
READ_GUIDE = {"fi": "Lue ohje: {title}", "sv": "Läs guiden: {title}", "en": "Read the guide: {title}"}


def read_chapter(language: str, title: str, kind: str = "chapter") -> str:
    """'Lue luku: Salassapito': the Page says what it is for, so the course index does not show the
    section's name twice, and Moodle's activity-name filter does not link every 'Salassapito' in the
    course's texts to it."""
    texts = READ_GUIDE if kind == "guide" else READ_CHAPTER
    return texts.get(language, texts["en"]).format(title=title)


def section_name(chapter_number: int, chapter_title: str) -> str:
    """'4. Salassapito', as the booklet's contents and the question bank's categories number it."""
    return f"{chapter_number}. {chapter_title}"


def quiz_name(name: str, chapter_number: int, chapter_title: str) -> str:
    """'Testaa osaamisesi – 4. Salassapito': the gradebook's columns and a teacher's lists tell the
    quizzes apart (the same name seven times cannot be)."""
    return f"{name} – {chapter_number}. {chapter_title}"


def quiz_description(language: str) -> str:
    return QUIZ_DESCRIPTIONS.get(language, QUIZ_DESCRIPTIONS["en"])


def combined_feedback(language: str) -> tuple[str, str, str]:
    return COMBINED_FEEDBACK.get(language, COMBINED_FEEDBACK["en"])


# The question bank activity a Moodle 5 backup holds the course's questions in (seen by teachers only).
QUESTION_BANK_NAMES = {"fi": "Kurssin kysymyspankki", "sv": "Kursens frågebank", "en": "Course question bank"}


def question_bank_name(language: str) -> str:
    return QUESTION_BANK_NAMES.get(language, QUESTION_BANK_NAMES["en"])
