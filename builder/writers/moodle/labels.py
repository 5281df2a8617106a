"""Names the Moodle writer gives to what it adds itself, per course language."""

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
