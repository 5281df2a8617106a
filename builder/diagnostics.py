"""Diagnostics: every problem a trainer can cause, with a stable code, file, line and plain sentence."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple

from builder.wording import say

ERROR = "error"
WARNING = "warning"
LANGUAGES = ("fi", "sv", "en")


class Message(NamedTuple):
    """One code's severity and its sentence in each language the tool speaks."""

    severity: str
    en: str
    fi: str
    sv: str

    def template(self, language: str) -> str:
        return getattr(self, language) if language in LANGUAGES else self.en


# The closed set of diagnostic codes: code -> Message(severity, English, Finnish, Swedish).
# Templates are str.format()-ed with the keyword arguments given to Report.add().
# docs/diagnostics.md lists every code; a test keeps the two in step and every language complete.
CATALOGUE: dict[str, Message] = {
    "file-not-utf8": Message(
        ERROR,
        en="The file is not UTF-8 text ({detail}). Save it as UTF-8 in your editor.",
        fi="Tiedosto ei ole UTF-8-tekstiä ({detail}). Tallenna se editorissa UTF-8-muodossa.",
        sv="Filen är inte UTF-8-text ({detail}). Spara den som UTF-8 i din redigerare.",
    ),
    "file-unreadable": Message(
        ERROR,
        en="The file cannot be read: {detail}.",
        fi="Tiedostoa ei voi lukea: {detail}.",
        sv="Filen kan inte läsas: {detail}.",
    ),
    "file-name-invalid": Message(
        ERROR,
        en="The name '{name}' cannot be used on Windows because of '{detail}'. Rename it: no < > : \" / \\ | ? *, "
           "no dot or space at the end, and not CON, PRN, AUX, NUL, COM1-COM9 or LPT1-LPT9.",
        fi="Nimeä '{name}' ei voi käyttää Windowsissa kohdan '{detail}' takia. Nimeä se uudelleen: ei merkkejä < > "
           ": \" / \\ | ? *, ei pistettä eikä välilyöntiä lopussa, eikä nimeksi CON, PRN, AUX, NUL, COM1-COM9 tai "
           "LPT1-LPT9.",
        sv="Namnet '{name}' kan inte användas i Windows på grund av '{detail}'. Byt namn: inga < > : \" / \\ | ? "
           "*, ingen punkt eller inget mellanslag i slutet, och inte CON, PRN, AUX, NUL, COM1-COM9 eller "
           "LPT1-LPT9.",
    ),
    "text-control-character": Message(
        WARNING,
        en="An invisible control character ({detail}) was removed from this line.",
        fi="Tältä riviltä poistettiin näkymätön ohjausmerkki ({detail}).",
        sv="Ett osynligt styrtecken ({detail}) togs bort från den här raden.",
    ),
    "course-missing": Message(
        ERROR,
        en="There is no course.yml in this folder. Is this the course folder?",
        fi="Kansiosta puuttuu course.yml. Onko tämä kurssikansio?",
        sv="Mappen har ingen course.yml. Är det här kursmappen?",
    ),
    "course-no-chapters": Message(
        ERROR,
        en="The course has no chapters: add Markdown files (01-name.md) next to course.yml.",
        fi="Kurssissa ei ole lukuja: lisää Markdown-tiedostoja (01-nimi.md) course.yml:n viereen.",
        sv="Kursen har inga kapitel: lägg Markdown-filer (01-namn.md) bredvid course.yml.",
    ),
    "yaml-syntax": Message(
        ERROR,
        en="The settings are not valid YAML: {detail}.",
        fi="Asetukset eivät ole kelvollista YAMLia: {detail}.",
        sv="Inställningarna är inte giltig YAML: {detail}.",
    ),
    "key-missing": Message(
        ERROR,
        en="The required setting '{key}' is missing.",
        fi="Pakollinen asetus '{key}' puuttuu.",
        sv="Den obligatoriska inställningen '{key}' saknas.",
    ),
    "key-type": Message(
        ERROR,
        en="The setting '{key}' must be {expected}.",
        fi="Asetuksen '{key}' pitää olla {expected}.",
        sv="Inställningen '{key}' ska vara {expected}.",
    ),
    "key-unknown": Message(
        WARNING,
        en="Unknown setting '{key}' is ignored. Check the spelling.{suggestion}",
        fi="Tuntematon asetus '{key}' jätetään huomiotta. Tarkista kirjoitusasu.{suggestion}",
        sv="Den okända inställningen '{key}' lämnas bort. Kontrollera stavningen.{suggestion}",
    ),
    "key-duplicate": Message(
        ERROR,
        en="The setting '{key}' is given twice; the first one is on line {other}. Keep only one.",
        fi="Asetus '{key}' on annettu kahdesti; ensimmäinen on rivillä {other}. Jätä vain toinen.",
        sv="Inställningen '{key}' anges två gånger; den första står på rad {other}. Behåll bara en.",
    ),
    "front-matter-missing": Message(
        ERROR,
        en="The chapter does not start with front matter: the first line must be '---', then title and summary, "
           "then '---'.",
        fi="Luku ei ala etutiedoilla: ensimmäisen rivin pitää olla '---', sitten title ja summary ja taas '---'.",
        sv="Kapitlet börjar inte med förhandsuppgifter: första raden ska vara '---', sedan title och summary, "
           "sedan '---'.",
    ),
    "front-matter-unclosed": Message(
        ERROR,
        en="The front matter that starts here is not closed: add a line with only '---' after line {after}, the last "
           "setting, before the chapter text.",
        fi="Tästä alkavia etutietoja ei päätetä: lisää rivi, jolla on vain '---', rivin {after} eli viimeisen "
           "asetuksen jälkeen ennen luvun tekstiä.",
        sv="Förhandsuppgifterna som börjar här avslutas inte: lägg till en rad med bara '---' efter rad {after}, den "
           "sista inställningen, före kapitlets text.",
    ),
    "chapter-id-duplicate": Message(
        ERROR,
        en="The chapter id '{id}' is already used by {other}. Give each chapter its own id.",
        fi="Luvun tunnus '{id}' on jo käytössä tiedostossa {other}. Anna jokaiselle luvulle oma tunnus.",
        sv="Kapitelkoden '{id}' används redan av {other}. Ge varje kapitel en egen kod.",
    ),
    "chapter-empty": Message(
        ERROR,
        en="The chapter has no text after its front matter.",
        fi="Luvussa ei ole tekstiä etutietojen jälkeen.",
        sv="Kapitlet har ingen text efter förhandsuppgifterna.",
    ),
    "footnote-missing": Message(
        WARNING,
        en="The footnote [^{label}] is not written: the mark [^{label}] shows in the text as it is. At the end of "
           "the chapter write a line starting with [^{label}]: followed by the note's text.",
        fi="Alaviitettä [^{label}] ei ole kirjoitettu: merkintä [^{label}] näkyy tekstissä sellaisenaan. Kirjoita "
           "luvun loppuun rivi, joka alkaa [^{label}]: ja jonka perässä on alaviitteen teksti.",
        sv="Fotnoten [^{label}] är inte skriven: markeringen [^{label}] syns i texten som den är. Skriv i slutet "
           "av kapitlet en rad som börjar med [^{label}]: och sedan fotnotens text.",
    ),
    "footnote-duplicate": Message(
        WARNING,
        en="This note [^{label}] is left out of every output: the note at line {kept} has the same mark [^{label}] and "
           "takes its place. Give each note a mark of its own, one no other note has, and use that mark in the text.",
        fi="Tämä alaviite [^{label}] jää pois kaikista tulosteista: rivin {kept} alaviitteellä on sama merkki "
           "[^{label}], ja se tulee tämän tilalle. Anna jokaiselle alaviitteelle oma merkki, jota muilla ei ole, "
           "ja käytä sitä tekstissä.",
        sv="Den här fotnoten [^{label}] utelämnas överallt: fotnoten på rad {kept} har samma märke [^{label}] och "
           "tar dess plats. Ge varje fotnot ett eget märke, som ingen annan fotnot har, och använd det i texten.",
    ),
    "footnote-unused": Message(
        WARNING,
        en="No text refers to the footnote [^{label}]: it stands at the end of the chapter without the place it "
           "belongs to. Add the mark [^{label}] to the text or remove the note.",
        fi="Alaviitteeseen [^{label}] ei viitata tekstissä: se näkyy luvun lopussa ilman kohtaa, johon se "
           "liittyy. Lisää tekstiin merkintä [^{label}] tai poista alaviite.",
        sv="Ingen text hänvisar till fotnoten [^{label}]: den står i slutet av kapitlet utan platsen den hör "
           "till. Lägg till markeringen [^{label}] i texten eller ta bort fotnoten.",
    ),
    "heading-underlined": Message(
        WARNING,
        en="The line '---' right under '{text}' makes that sentence a heading. For a dividing line, leave an empty "
           "line above the '---'; a heading is written '## {text}'.",
        fi="Rivi '---' suoraan tekstin '{text}' alla tekee siitä väliotsikon. Jos tarkoitit erotinviivaa, jätä "
           "tyhjä rivi '---'-rivin yläpuolelle; väliotsikko kirjoitetaan '## {text}'.",
        sv="Raden '---' direkt under '{text}' gör meningen till en rubrik. Om du menade en skiljelinje, lämna en tom "
           "rad ovanför '---'; en rubrik skrivs '## {text}'.",
    ),
    "heading-level-one": Message(
        WARNING,
        en="The heading '#' is at the level of the chapter's name, which comes from the title in the front matter: "
           "start the text's headings at '##'.",
        fi="Otsikko '#' on samaa tasoa kuin luvun nimi, joka tulee front matterin title-kohdasta: aloita tekstin "
           "otsikot tasolta '##'.",
        sv="Rubriken '#' är på samma nivå som kapitlets namn, som kommer från title i front matter: börja textens "
           "rubriker på nivån '##'.",
    ),
    "heading-level-skipped": Message(
        WARNING,
        en="The heading '{marks}' skips a level: the heading before it is '{previous}' (the chapter's name is "
           "'#'). A reader with a screen reader and the accessible PDF need the levels in order: write "
           "'{expected}' here.",
        fi="Otsikko '{marks}' hyppää tason yli: sitä edeltävä otsikko on '{previous}' (luvun nimi on '#'). "
           "Ruudunlukijaa käyttävä lukija ja saavutettava PDF tarvitsevat otsikkotasot järjestyksessä: kirjoita "
           "tähän '{expected}'.",
        sv="Rubriken '{marks}' hoppar över en nivå: rubriken före den är '{previous}' (kapitlets namn är '#'). "
           "Den som läser med skärmläsare och den tillgängliga PDF:en behöver nivåerna i ordning: skriv "
           "'{expected}' här.",
    ),
    "heading-anchor-duplicate": Message(
        WARNING,
        en="Two headings in this chapter have the anchor '#{anchor}'; links go to the first one.",
        fi="Kahdella otsikolla on sama ankkuri '#{anchor}'; linkit vievät ensimmäiseen.",
        sv="Två rubriker i kapitlet har ankaret '#{anchor}'; länkar går till den första.",
    ),
    "image-missing": Message(
        ERROR,
        en="The image '{target}' does not exist. Check the file name and folder.{suggestion}",
        fi="Kuvaa '{target}' ei löydy. Tarkista tiedoston nimi ja kansio.{suggestion}",
        sv="Bilden '{target}' finns inte. Kontrollera filnamnet och mappen.{suggestion}",
    ),
    "image-alt-missing": Message(
        ERROR,
        en="The image '{target}' has no alt text: write what the picture shows between the brackets: ![what it "
           "shows]({target}).",
        fi="Kuvalta '{target}' puuttuu vaihtoehtoinen teksti: kirjoita hakasulkeisiin, mitä kuvassa näkyy: "
           "![kuvaus]({target}).",
        sv="Bilden '{target}' saknar alternativtext: skriv inom hakparenteserna vad bilden visar: "
           "![beskrivning]({target}).",
    ),
    "image-alt-unhelpful": Message(
        WARNING,
        en="The alt text '{alt}' of the image '{target}' does not say what the picture shows: a screen reader reads "
           "it out as it is. Write a short description between the brackets, for example ![A video call on a "
           "tablet]({target}).",
        fi="Kuvan '{target}' vaihtoehtoinen teksti '{alt}' ei kerro, mitä kuvassa näkyy: ruudunlukija lukee sen "
           "sellaisenaan. Kirjoita hakasulkeisiin lyhyt kuvaus, esimerkiksi ![Videopuhelu tabletin "
           "näytöllä]({target}).",
        sv="Alternativtexten '{alt}' för bilden '{target}' säger inte vad bilden visar: en skärmläsare läser upp "
           "den som den är. Skriv en kort beskrivning inom hakparenteserna, till exempel ![Ett videosamtal på "
           "surfplattan]({target}).",
    ),
    "image-invalid": Message(
        ERROR,
        en="The file '{target}' is not an image this tool can use ({detail}). Use PNG, JPEG, GIF or SVG.",
        fi="Tiedosto '{target}' ei ole käyttökelpoinen kuva ({detail}). Käytä PNG-, JPEG-, GIF- tai SVG-kuvaa.",
        sv="Filen '{target}' är inte en bild som verktyget kan använda ({detail}). Använd PNG, JPEG, GIF eller SVG.",
    ),
    "path-outside-course": Message(
        ERROR,
        en="The path '{target}' leads outside the course folder. Put the file inside the course folder.",
        fi="Polku '{target}' johtaa kurssikansion ulkopuolelle. Siirrä tiedosto kurssikansioon.",
        sv="Sökvägen '{target}' leder utanför kursmappen. Flytta filen in i kursmappen.",
    ),
    "link-chapter-missing": Message(
        ERROR,
        en="The link goes to '{target}', but there is no such chapter file.{suggestion}",
        fi="Linkki vie kohteeseen '{target}', mutta sellaista lukutiedostoa ei ole.{suggestion}",
        sv="Länken går till '{target}', men någon sådan kapitelfil finns inte.{suggestion}",
    ),
    "translation-link-left-out": Message(
        ERROR,
        en="The link goes to '{target}', a chapter this language edition does not have (its course.yml's "
           "'chapters:' leaves it out). Link to a chapter the edition has, or keep the words without the link.",
        fi="Linkki vie lukuun '{target}', jota tässä kieliversiossa ei ole (sen course.yml:n 'chapters:' jättää "
           "sen pois). Linkitä lukuun, joka kieliversiossa on, tai jätä sanat ilman linkkiä.",
        sv="Länken går till '{target}', ett kapitel som den här språkversionen inte har (dess course.yml:s "
           "'chapters:' utelämnar det). Länka till ett kapitel som versionen har, eller behåll orden utan länken.",
    ),
    "link-anchor-missing": Message(
        ERROR,
        en="The link goes to the heading '#{anchor}' in {target}, but that chapter has no such heading.{suggestion}",
        fi="Linkki vie otsikkoon '#{anchor}' tiedostossa {target}, mutta luvussa ei ole sellaista otsikkoa."
           "{suggestion}",
        sv="Länken går till rubriken '#{anchor}' i {target}, men kapitlet har ingen sådan rubrik.{suggestion}",
    ),
    "link-file-unsupported": Message(
        ERROR,
        en="The link goes to the file '{target}', which is not a chapter. Link to a chapter (.md) or to a web address.",
        fi="Linkki vie tiedostoon '{target}', joka ei ole luku. Linkitä lukuun (.md) tai verkko-osoitteeseen.",
        sv="Länken går till filen '{target}', som inte är ett kapitel. Länka till ett kapitel (.md) eller en "
           "webbadress.",
    ),
    "callout-kind-unknown": Message(
        ERROR,
        en="Unknown callout '!!! {kind}'. Use vinkki, varoitus or huomio.",
        fi="Tuntematon huomiolaatikko '!!! {kind}'. Käytä sanaa vinkki, varoitus tai huomio.",
        sv="Okänd faktaruta '!!! {kind}'. Använd tips, varning eller obs.",
    ),
    "code-block-indented": Message(
        WARNING,
        en="This text is indented by four spaces, so it becomes a code block, in a typewriter font. If it is an "
           "ordinary paragraph, remove the indentation.",
        fi="Tämä teksti on sisennetty neljällä välilyönnillä, joten siitä tulee koodilohko kirjoituskoneen "
           "kirjasimella. Jos se on tavallinen kappale, poista sisennys.",
        sv="Texten är indragen med fyra mellanslag och blir därför ett kodblock med skrivmaskinsstil. Om den är "
           "ett vanligt stycke, ta bort indraget.",
    ),
    "callout-empty": Message(
        WARNING,
        en="The callout's text is not in the box: only the lines indented by four spaces under the !!! line go "
           "in it, so the box shows only its title and the text becomes an ordinary paragraph below it. Indent "
           "the callout's lines by four spaces.",
        fi="Huomiolaatikon teksti ei ole laatikossa: laatikkoon tulevat vain !!!-rivin alla neljällä välilyönnillä "
           "sisennetyt rivit, joten laatikossa näkyy pelkkä otsikko ja teksti jää sen alle tavalliseksi "
           "kappaleeksi. Sisennä laatikon rivit neljällä välilyönnillä.",
        sv="Faktarutans text hamnar inte i rutan: bara raderna som är indragna med fyra mellanslag under "
           "!!!-raden kommer med, så rutan visar bara sin rubrik och texten blir ett vanligt stycke under den. "
           "Dra in rutans rader med fyra mellanslag.",
    ),
    "table-cells-extra": Message(
        WARNING,
        en="This table row has {cells} cells but its header row {columns}: the extra cells are left out of every "
           "output. Add a column to the header row, or if a cell's text holds a vertical bar, write it as \\|.",
        fi="Taulukon rivillä on {cells} solua mutta otsikkorivillä {columns}: ylimääräiset solut jäävät pois "
           "kaikista tulosteista. Lisää otsikkoriville sarake, tai jos solun tekstissä on pystyviiva, kirjoita se "
           "muodossa \\|.",
        sv="Tabellraden har {cells} celler men rubrikraden {columns}: de extra cellerna kommer inte med i någon "
           "av de färdiga filerna. Lägg till en kolumn i rubrikraden, eller om cellens text har ett lodstreck, "
           "skriv det som \\|.",
    ),
    "block-unclosed": Message(
        ERROR,
        en="The ```{kind} block that starts here is never closed: add a line with only ``` where it ends.",
        fi="Tästä alkavaa ```{kind}-lohkoa ei päätetä: lisää lohkon loppuun rivi, jolla on vain ```.",
        sv="```{kind}-blocket som börjar här avslutas aldrig: lägg till en rad med bara ``` där blocket slutar.",
    ),
    "slide-title-missing": Message(
        ERROR,
        en="The slide has no title: start each slide with a '## Title' line.",
        fi="Dialta puuttuu otsikko: aloita jokainen dia rivillä '## Otsikko'.",
        sv="Bilden saknar rubrik: börja varje bild med raden '## Rubrik'.",
    ),
    "slide-separator-missing": Message(
        WARNING,
        en="The slide title '{title}' has no '---' line above it, so it and the slide '{above}' run together into "
           "one slide. Put a line '---' above it to start a slide of its own.",
        fi="Dian otsikon '{title}' yläpuolelta puuttuu rivi '---', joten se ja dia '{above}' tulevat yhdeksi "
           "diaksi. Lisää sen yläpuolelle rivi '---', niin siitä tulee oma dia.",
        sv="Bildrubriken '{title}' har ingen rad '---' ovanför sig, så den och bilden '{above}' blir en enda bild. "
           "Skriv en rad '---' ovanför den så blir den en egen bild.",
    ),
    "slide-in-notes": Message(
        WARNING,
        en="The slide '{title}' stands in the speaker notes of the slide '{above}': it has no '---' line above it, "
           "so it is never shown to the audience. Put a line '---' above it to start a slide of its own.",
        fi="Dia '{title}' on dian '{above}' muistiinpanoissa, koska sen yläpuolelta puuttuu rivi '---': sitä ei "
           "näytetä yleisölle lainkaan. Lisää sen yläpuolelle rivi '---', niin siitä tulee oma dia.",
        sv="Bilden '{title}' står i talaranteckningarna till bilden '{above}', eftersom raden '---' ovanför den "
           "saknas: den visas aldrig för publiken. Skriv en rad '---' ovanför den så blir den en egen bild.",
    ),
    "slide-empty": Message(
        ERROR,
        en="There is nothing between these two '---' lines: remove the extra '---'.",
        fi="Näiden kahden '---'-rivin välissä ei ole mitään: poista ylimääräinen '---'.",
        sv="Det finns ingenting mellan de här två '---'-raderna: ta bort den extra '---'.",
    ),
    "slide-too-long": Message(
        WARNING,
        en="The slide '{title}' has too much text to fit ({detail}). Split it or shorten the points.",
        fi="Dialla '{title}' on liikaa tekstiä mahtuakseen ({detail}). Jaa se kahdeksi tai lyhennä kohtia.",
        sv="Bilden '{title}' har för mycket text för att rymmas ({detail}). Dela den i två eller korta punkterna.",
    ),
    "question-text-missing": Message(
        ERROR,
        en="The question has no text before its options.",
        fi="Kysymykseltä puuttuu kysymysteksti ennen vaihtoehtoja.",
        sv="Frågan har ingen frågetext före alternativen.",
    ),
    "question-too-few-options": Message(
        ERROR,
        en="The question needs at least two options ('- [x]' right, '- [ ]' wrong).",
        fi="Kysymyksessä pitää olla vähintään kaksi vaihtoehtoa ('- [x]' oikea, '- [ ]' väärä).",
        sv="Frågan behöver minst två alternativ ('- [x]' rätt, '- [ ]' fel).",
    ),
    "question-no-correct": Message(
        ERROR,
        en="No option is marked right: mark the right one as '- [x]'.",
        fi="Yhtään vaihtoehtoa ei ole merkitty oikeaksi: merkitse oikea muodossa '- [x]'.",
        sv="Inget alternativ är markerat som rätt: markera det rätta som '- [x]'.",
    ),
    "question-line-unexpected": Message(
        ERROR,
        en="This line in the question block is not an option ('- [x]' or '- [ ]'), feedback ('> ...') or 'Palaute:'.",
        fi="Tämä kysymyslohkon rivi ei ole vaihtoehto ('- [x]' tai '- [ ]'), palaute ('> ...') eikä 'Palaute:'.",
        sv="Den här raden i frågeblocket är varken ett alternativ ('- [x]' eller '- [ ]'), respons ('> ...') eller "
           "'Respons:'.",
    ),
    "question-truefalse-invalid": Message(
        ERROR,
        en="A true/false question needs exactly one right option.",
        fi="Tosi/epätosi-kysymyksessä pitää olla tasan yksi oikea vaihtoehto.",
        sv="En sant/falskt-fråga behöver exakt ett rätt alternativ.",
    ),
    "block-opening-missing": Message(
        ERROR,
        en="This ``` line ends a block whose opening line is missing: add a ```slides or ```kysymys line where the "
           "block starts, or remove this line.",
        fi="Tämä ```-rivi päättää lohkon, jonka aloitusrivi puuttuu: lisää lohkon alkuun rivi ```slides tai "
           "```kysymys, tai poista tämä rivi.",
        sv="Den här ```-raden avslutar ett block vars första rad saknas: lägg till en rad ```slides eller ```fråga "
           "där blocket börjar, eller ta bort den här raden.",
    ),
    "slide-text-cut": Message(
        ERROR,
        en="The slide '{title}' has a text too long for one slide even at the smallest text size: everything from "
           "'{text}' on would be cut off the slide. Split the text into shorter paragraphs or points.",
        fi="Dian '{title}' teksti on liian pitkä yhdelle dialle pienimmälläkin tekstikoolla: kohdasta '{text}' "
           "alkaen se jäisi dialta pois. Jaa teksti lyhyemmiksi kappaleiksi tai kohdiksi.",
        sv="Bilden '{title}' har en text som är för lång för en bild även med minsta textstorlek: allt från "
           "'{text}' och framåt skulle falla bort från bilden. Dela texten i kortare stycken eller punkter.",
    ),
    "pptx-image-unsupported": Message(
        WARNING,
        en="The picture '{image}' on this slide cannot be shown in the PowerPoint file ({type}), so it is left out "
           "there. Save it as PNG or JPEG to have it in the PowerPoint file too.",
        fi="Tämän dian kuvaa '{image}' ei voi näyttää PowerPoint-tiedostossa ({type}), joten se jää sieltä pois. "
           "Tallenna kuva PNG- tai JPEG-muodossa, niin se tulee PowerPoint-tiedostoonkin.",
        sv="Bilden '{image}' i den här presentationsbilden kan inte visas i PowerPoint-filen ({type}), så den utelämnas där. "
           "Spara den som PNG eller JPEG så kommer den med i PowerPoint-filen också.",
    ),
    "note-to-self-shown": Message(
        WARNING,
        en="The note to yourself '{note}' is not hidden: it shows as text in every output. End it with '-->'. A "
           "note of more than one paragraph starts a paragraph of its own: '<!--' at the start of a line after an "
           "empty line.",
        fi="Muistiinpano itsellesi '{note}' ei ole piilossa: se näkyy tekstinä kaikissa tulosteissa. Päätä se "
           "merkeillä '-->'. Useamman kappaleen muistiinpano alkaa omana kappaleenaan: '<!--' rivin alkuun tyhjän "
           "rivin jälkeen.",
        sv="Anteckningen till dig själv '{note}' är inte dold: den syns som text i allt som byggs. Avsluta den med "
           "'-->'. En anteckning på mer än ett stycke börjar som ett eget stycke: '<!--' i början av en rad efter "
           "en tom rad.",
    ),
    "list-number-parenthesis": Message(
        WARNING,
        en="The lines start with a number and a parenthesis ('{mark}'), which does not make a numbered list: the lines "
           "stay one paragraph. If you meant a list, write a full stop after each number: '1. '.",
        fi="Rivit alkavat numerolla ja sulkeella ('{mark}'), josta ei tule numeroitua luetteloa: rivit jäävät "
           "yhdeksi kappaleeksi. Jos tarkoitit luetteloa, kirjoita numeron perään piste: '1. '.",
        sv="Raderna börjar med en siffra och en parentes ('{mark}'), som inte blir en numrerad lista: raderna blir "
           "ett enda stycke. Om du menade en lista, skriv en punkt efter varje siffra: '1. '.",
    ),
    "link-bare-address": Message(
        WARNING,
        en="The address {address} is written as text, not as a link: on the web page, in Moodle and in the e-book "
           "it cannot be tapped. Write it in angle brackets: <{link}>.",
        fi="Osoite {address} on kirjoitettu tekstiksi eikä linkiksi: verkkosivulla, Moodlessa ja e-kirjassa sitä ei "
           "voi napauttaa. Kirjoita se kulmasulkeisiin: <{link}>.",
        sv="Adressen {address} är skriven som text, inte som en länk: på webbsidan, i Moodle och i e-boken går den "
           "inte att trycka på. Skriv den inom vinkelparenteser: <{link}>.",
    ),
    "list-bullet-pasted": Message(
        WARNING,
        en="The line starts with {mark}, which does not make a list: the lines stay one paragraph. If you meant a "
           "list, start each line with a hyphen and a space: '- '.",
        fi="Rivi alkaa {mark}, josta ei tule luetteloa: rivit jäävät yhdeksi kappaleeksi. Jos tarkoitit "
           "luetteloa, aloita jokainen rivi yhdysmerkillä ja välilyönnillä: '- '.",
        sv="Raden börjar med {mark}, som inte blir en lista: raderna blir ett enda stycke. Om du menade en lista, "
           "börja varje rad med ett bindestreck och ett mellanslag: '- '.",
    ),
    "link-web-address-incomplete": Message(
        ERROR,
        en="The link '{target}' looks like a web address, but a web address needs https:// in front: "
           "write https://{target}.",
        fi="Linkki '{target}' näyttää verkko-osoitteelta, mutta verkko-osoitteen alkuun tarvitaan https://: "
           "kirjoita https://{target}.",
        sv="Länken '{target}' ser ut som en webbadress, men en webbadress behöver https:// i början: "
           "skriv https://{target}.",
    ),
    "notes-label-misspelt": Message(
        WARNING,
        en="This line looks like the speaker-notes label but is not written 'Notes:', so it and the text below it "
           "show on the slide. Write the label with its colon: 'Notes:'.",
        fi="Tämä rivi näyttää puhujan muistiinpanojen otsikolta, mutta se ei ole muotoa 'Muistiinpanot:', joten se ja "
           "sen alla oleva teksti näkyvät dialla. Kirjoita otsikko kaksoispisteen kanssa: 'Muistiinpanot:'.",
        sv="Den här raden ser ut som rubriken för talaranteckningar men är inte skriven 'Anteckningar:', så den och "
           "texten under den syns på bilden. Skriv rubriken med kolon: 'Anteckningar:'.",
    ),
    "question-after-feedback": Message(
        ERROR,
        en="This line comes after 'Feedback:' but looks like part of another question; everything after 'Feedback:' "
           "is shown to students as general feedback. Give each question its own ```question block, with its "
           "'Feedback:' line last.",
        fi="Tämä rivi on 'Palaute:'-rivin jälkeen mutta näyttää toisen kysymyksen osalta; kaikki 'Palaute:'-rivin "
           "jälkeen näytetään opiskelijoille yleisenä palautteena. Kirjoita jokainen kysymys omaan "
           "```kysymys-lohkoonsa ja sen 'Palaute:'-rivi viimeiseksi.",
        sv="Den här raden står efter 'Respons:' men ser ut som en del av en annan fråga; allt efter 'Respons:' visas "
           "för de studerande som allmän respons. Skriv varje fråga i ett eget ```fråga-block, med dess "
           "'Respons:'-rad sist.",
    ),
    "question-option-dash": Message(
        ERROR,
        en="This option starts with {mark}, not a plain '-', so it is not read as an option. Type a plain '-' (the "
           "minus key) instead.",
        fi="Vaihtoehto alkaa {mark} eikä tavallisella viivalla '-', joten sitä ei lueta vaihtoehdoksi. Kirjoita "
           "tilalle tavallinen '-' (miinusnäppäin).",
        sv="Alternativet börjar med {mark} och inte med ett vanligt '-', så det läses inte som ett alternativ. "
           "Skriv ett vanligt '-' (minustangenten) i stället.",
    ),
    "chapter-file-name": Message(
        ERROR,
        en="This file looks like a chapter, but chapter file names end in '.md' in small letters. Rename it to "
           "'{name}' so that it is read as a chapter and links to it work, or start its name with '_' if it is not "
           "a chapter.",
        fi="Tämä tiedosto näyttää luvulta, mutta lukutiedoston nimen pitää päättyä pienin kirjaimin '.md'. Nimeä se "
           "uudelleen nimelle '{name}', niin se luetaan lukuna ja linkit siihen toimivat, tai aloita nimi merkillä "
           "'_', jos se ei ole luku.",
        sv="Den här filen ser ut som ett kapitel, men namnet på en kapitelfil ska sluta på '.md' med små bokstäver. "
           "Byt namn på den till '{name}' så att den läses som ett kapitel och länkar till den fungerar, eller låt "
           "namnet börja med '_' om den inte är ett kapitel.",
    ),
    "chapter-file-copy": Message(
        WARNING,
        en="This file looks like a copy of {original}, and it is published as a chapter of its own, with its own "
           "quiz. Delete the copy, or give it a name of its own if it really is another chapter.",
        fi="Tämä tiedosto näyttää tiedoston {original} kopiolta, ja se julkaistaan omana lukunaan omine "
           "testeineen. Poista kopio tai anna sille oma nimi, jos se todella on eri luku.",
        sv="Den här filen ser ut som en kopia av {original}, och den publiceras som ett eget kapitel med ett eget "
           "test. Ta bort kopian, eller ge den ett eget namn om den verkligen är ett annat kapitel.",
    ),
    "image-too-large": Message(
        WARNING,
        en="The picture '{target}' is much larger than the booklet, the slides or Moodle need ({size}). Make it "
           "smaller in an image program, at most about 1600 pixels wide, and save a photo as JPG.",
        fi="Kuva '{target}' on paljon suurempi kuin vihko, diat tai Moodle tarvitsevat ({size}). Pienennä se "
           "kuvankäsittelyohjelmassa enintään noin 1600 pikselin levyiseksi ja tallenna valokuva JPG-muodossa.",
        sv="Bilden '{target}' är mycket större än häftet, presentationen eller Moodle behöver ({size}). Förminska "
           "den i ett bildprogram till högst cirka 1600 pixlar bred och spara ett foto som JPG.",
    ),
    "image-print-resolution": Message(
        WARNING,
        en="The picture '{image}' ({pixels} pixels) prints {printed} in the print-shop booklet, at only {ppi} pixels "
           "per inch: it will look blurred. At 200 pixels per inch it prints well up to {largest}. For this size "
           "use a larger original picture, at least {needed} pixels wide.",
        fi="Kuva '{image}' ({pixels} pikseliä) painetaan kirjapainon vihkoon kokoon {printed}, jolloin tarkkuus on vain "
           "{ppi} pikseliä tuumalle: se näyttää sumealta. 200 pikselin tuumatarkkuudella se painuu hyvin enintään "
           "kokoon {largest}. Tähän kokoon tarvitaan suurempi alkuperäinen kuva, vähintään {needed} pikseliä leveä.",
        sv="Bilden '{image}' ({pixels} pixlar) trycks i {printed} i tryckeriets häfte, med bara {ppi} pixlar per tum: "
           "den ser suddig ut. Med 200 pixlar per tum trycks den bra upp till {largest}. För den här storleken "
           "behövs en större originalbild, minst {needed} pixlar bred.",
    ),
    "moodle-url-invalid": Message(
        ERROR,
        en="'{value}' is not the address of a course in Moodle. The printed booklets carry it as a QR code, so it "
           "must be whole: copy it from the browser's address bar when the restored course is open. It begins with "
           "https://, as in https://moodle.example.fi/course/view.php?id=12.",
        fi="'{value}' ei ole Moodlen kurssin osoite. Painetuissa vihoissa se on QR-koodina, joten sen pitää olla "
           "kokonainen: kopioi se selaimen osoiteriviltä, kun palautettu kurssi on auki. Osoite alkaa https://, "
           "esimerkiksi https://moodle.example.fi/course/view.php?id=12.",
        sv="'{value}' är inte adressen till en kurs i Moodle. De tryckta häftena har den som QR-kod, så den ska vara "
           "hel: kopiera den från webbläsarens adressfält när den återställda kursen är öppen. Den börjar med "
           "https://, till exempel https://moodle.example.fi/course/view.php?id=12.",
    ),
    "qr-mark-misplaced": Message(
        WARNING,
        en="'{mark}' must follow a web link directly, with no space between: [Suomi.fi](https://www.suomi.fi){{qr}}. "
           "Here it does not, so no QR code is printed for it.",
        fi="Merkinnän '{mark}' pitää tulla heti verkkolinkin perään ilman välilyöntiä: "
           "[Suomi.fi](https://www.suomi.fi){{qr}}. Tässä se ei tule, joten QR-koodia ei tulosteta.",
        sv="'{mark}' ska stå direkt efter en webblänk, utan mellanslag: [Suomi.fi](https://www.suomi.fi){{qr}}. "
           "Här gör den inte det, så ingen QR-kod skrivs ut.",
    ),
    "qr-link-not-web": Message(
        WARNING,
        en="A QR code is made only for a web address beginning https:// or http://, and '{target}' is not one, so "
           "no code is printed. Remove {{qr}} after this link.",
        fi="QR-koodi tehdään vain https:// tai http:// alkavalle verkko-osoitteelle, eikä '{target}' ole sellainen, "
           "joten koodia ei tulosteta. Poista {{qr}} tämän linkin perästä.",
        sv="En QR-kod görs bara för en webbadress som börjar med https:// eller http://, och '{target}' är ingen "
           "sådan, så ingen kod skrivs ut. Ta bort {{qr}} efter den här länken.",
    ),
    "markdown-too-deep": Message(
        ERROR,
        en="The text here is nested too deeply to be read (lists inside lists, or * and _ marks inside each other, "
           "hundreds deep): make it flatter.",
        fi="Tässä kohdassa teksti on liian monta tasoa sisäkkäin, jotta sen voisi lukea (luetteloita luetteloiden "
           "sisällä tai *- ja _-merkkejä toistensa sisällä satoja): vähennä tasoja.",
        sv="Texten här ligger i för många nivåer inuti varandra för att kunna läsas (listor i listor, eller * och _ "
           "inuti varandra, hundratals): gör den plattare.",
    ),
    "html-removed": Message(
        WARNING,
        en="Unsafe HTML was removed here ({detail}).",
        fi="Tästä poistettiin turvatonta HTML:ää ({detail}).",
        sv="Osäker HTML togs bort här ({detail}).",
    ),
    "translation-folder-missing": Message(
        ERROR,
        en="The language edition '{tag}' has no folder {tag}/ with its own course.yml beside the chapters. Make "
           "the folder, or remove '{tag}' from translations.",
        fi="Kieliversiolla '{tag}' ei ole lukujen vieressä kansiota {tag}/, jossa on oma course.yml. Tee kansio "
           "tai poista '{tag}' kohdasta translations.",
        sv="Språkversionen '{tag}' har ingen mapp {tag}/ med en egen course.yml bredvid kapitlen. Skapa mappen "
           "eller ta bort '{tag}' ur translations.",
    ),
    "translation-setting-not-allowed": Message(
        ERROR,
        en="A language edition takes '{key}' from the source's course.yml: remove it here.",
        fi="Kieliversio saa asetuksen '{key}' lähdekielen course.yml:stä: poista se tästä.",
        sv="En språkversion får '{key}' från källspråkets course.yml: ta bort den här.",
    ),
    "translation-setting-missing": Message(
        ERROR,
        en="The source's course.yml has '{key}', which this edition lacks: write it here in the edition's "
           "language, or its outputs would show the source's text.",
        fi="Lähdekielen course.yml:ssä on asetus '{key}', joka tästä kieliversiosta puuttuu: kirjoita se tähän "
           "kieliversion kielellä, muuten sen tiedostoissa näkyisi lähdekielinen teksti.",
        sv="Källspråkets course.yml har '{key}', som saknas i den här språkversionen: skriv den här på "
           "språkversionens språk, annars skulle dess filer visa källspråkets text.",
    ),
    "translation-chapter-missing": Message(
        ERROR,
        en="The language edition '{tag}' has no translation of this chapter: there is no file {file}.",
        fi="Kieliversiosta '{tag}' puuttuu tämän luvun käännös: tiedostoa {file} ei ole.",
        sv="Språkversionen '{tag}' saknar en översättning av det här kapitlet: filen {file} finns inte.",
    ),
    "translation-chapter-extra": Message(
        ERROR,
        en="{file} is not a chapter of this edition: the source has no chapter of that name, or the edition's "
           "chapters: list leaves it out. Name the file as its source chapter is named, add it to chapters:, or "
           "remove it.",
        fi="{file} ei ole tämän kieliversion luku: lähteessä ei ole samannimistä lukua, tai kieliversion "
           "chapters:-luettelosta se puuttuu. Nimeä tiedosto kuten sen lähdeluku, lisää se chapters:-luetteloon "
           "tai poista se.",
        sv="{file} är inte ett kapitel i den här språkversionen: källan har inget kapitel med det namnet, eller "
           "så saknas det i språkversionens lista chapters:. Ge filen samma namn som dess källkapitel, lägg till "
           "den i chapters: eller ta bort den.",
    ),
    "translation-slides-differ": Message(
        ERROR,
        en="The slides do not line up with the source chapter {source}: {detail}. Translate each slide of the "
           "source, in the same order.",
        fi="Diat eivät vastaa lähdelukua {source}: {detail}. Käännä jokainen lähteen dia samassa järjestyksessä.",
        sv="Bilderna motsvarar inte källkapitlet {source}: {detail}. Översätt varje bild i källan i samma ordning.",
    ),
    "translation-questions-differ": Message(
        ERROR,
        en="The questions do not line up with the source chapter {source}: {detail}. Translate each question of "
           "the source, in the same order, with its options in the same order.",
        fi="Kysymykset eivät vastaa lähdelukua {source}: {detail}. Käännä jokainen lähteen kysymys samassa "
           "järjestyksessä ja sen vaihtoehdot samassa järjestyksessä.",
        sv="Frågorna motsvarar inte källkapitlet {source}: {detail}. Översätt varje fråga i källan i samma "
           "ordning, med alternativen i samma ordning.",
    ),
    "translation-images-differ": Message(
        ERROR,
        en="The pictures do not line up with the source chapter {source}: {detail}. Use the same pictures; a "
           "picture of the same name in the edition's images/ folder replaces the source's.",
        fi="Kuvat eivät vastaa lähdelukua {source}: {detail}. Käytä samoja kuvia; kieliversion images-kansiossa "
           "oleva samanniminen kuva korvaa lähteen kuvan.",
        sv="Bilderna motsvarar inte källkapitlet {source}: {detail}. Använd samma bilder; en bild med samma namn "
           "i språkversionens mapp images ersätter källans.",
    ),
    "translation-not-marked": Message(
        WARNING,
        en="This translation has never been marked as in step with its source chapter {source}, so changes to "
           "the source cannot be followed. When it matches the source, mark it: {command}",
        fi="Tätä käännöstä ei ole koskaan merkitty lähdeluvun {source} tasalle, joten lähteen muutoksia ei voi "
           "seurata. Kun käännös vastaa lähdettä, merkitse se: {command}",
        sv="Den här översättningen har aldrig markerats som à jour med källkapitlet {source}, så ändringar i "
           "källan kan inte följas. När den motsvarar källan, markera den: {command}",
    ),
    "translation-out-of-date": Message(
        WARNING,
        en="The source chapter {source} has changed since this translation was marked as in step with it: "
           "{changes}. `coursebuild check` shows the changes; update the translation, then mark it: {command}",
        fi="Lähdeluku {source} on muuttunut sen jälkeen, kun tämä käännös merkittiin sen tasalle: {changes}. "
           "`coursebuild check` näyttää muutokset; päivitä käännös ja merkitse se sitten: {command}",
        sv="Källkapitlet {source} har ändrats sedan den här översättningen markerades som à jour med det: "
           "{changes}. `coursebuild check` visar ändringarna; uppdatera översättningen och markera den sedan: "
           "{command}",
    ),
    "render-problem": Message(
        WARNING,
        en="While rendering {output}: {detail}",
        fi="Tulostetta {output} tehtäessä: {detail}",
        sv="När {output} gjordes: {detail}",
    ),
    "output-failed": Message(
        ERROR,
        en="The output {output} could not be written: {detail}",
        fi="Tulostetta {output} ei voitu kirjoittaa: {detail}",
        sv="Filen {output} kunde inte skrivas: {detail}",
    ),
    "epub-unavailable": Message(
        WARNING,
        en="The e-book cannot be made on this computer: its page numbers are read from the A5 booklet with "
           "Poppler's programs {programs}, which are not installed. Left out: {outputs}. The other outputs are "
           "made. Install Poppler and build again. {install}",
        fi="E-kirjaa ei voi tehdä tällä tietokoneella: sen sivunumerot luetaan A5-vihkosta Popplerin ohjelmilla "
           "{programs}, joita ei ole asennettu. Tekemättä jäi: {outputs}. Muut tulosteet tehdään. Asenna "
           "Poppler ja kokoa uudelleen. {install}",
        sv="E-boken kan inte göras på den här datorn: dess sidnummer läses ur A5-häftet med Popplers program "
           "{programs}, som inte är installerade. Utelämnade: {outputs}. De andra filerna görs. Installera "
           "Poppler och bygg igen. {install}",
    ),
    "pdf-unavailable": Message(
        WARNING,
        en="No PDF can be made on this computer: WeasyPrint, which makes them, needs the Pango library, and it "
           "cannot be loaded ({detail}). Left out: {outputs}. The other outputs are made. Install Pango and "
           "build again. {install}",
        fi="Tällä tietokoneella ei voi tehdä PDF-tiedostoja: niitä tekevä WeasyPrint tarvitsee Pango-kirjaston, "
           "eikä sitä voitu ladata ({detail}). Tekemättä jäivät: {outputs}. Muut tulosteet tehdään. Asenna "
           "Pango ja kokoa uudelleen. {install}",
        sv="Inga PDF-filer kan göras på den här datorn: WeasyPrint, som gör dem, behöver biblioteket Pango, och "
           "det kan inte laddas ({detail}). Utelämnade: {outputs}. De andra filerna görs. Installera Pango och "
           "bygg igen. {install}",
    ),
}

# What a setting must be, as key-type says it: English as the readers write it -> (Finnish, Swedish).
_EXPECTED: dict[str, tuple[str, str]] = {
    "text": ("tekstiä", "text"),
    "a list of texts": ("luettelo tekstejä", "en lista med texter"),
    "a date (YYYY-MM-DD)": ("päivämäärä (VVVV-KK-PP)", "ett datum (ÅÅÅÅ-MM-DD)"),
    "a date (YYYY-MM-DD) from 1980 to 2107": ("päivämäärä (VVVV-KK-PP) vuosilta 1980-2107",
                                              "ett datum (ÅÅÅÅ-MM-DD) mellan 1980 och 2107"),
    "yes or no": ("kyllä tai ei (true/false)", "ja eller nej (true/false)"),
    "a mapping of settings": ("joukko asetuksia", "en grupp inställningar"),
    "one of fi, sv, en": ("jokin näistä: fi, sv, en", "något av: fi, sv, en"),
    "one of page, book": ("jokin näistä: page, book", "något av: page, book"),
    "one of X-4, X-1a": ("jokin näistä: X-4, X-1a (PDF/X-versio, jota kirjapaino pyytää)",
                         "något av: X-4, X-1a (den PDF/X-version tryckeriet ber om)"),
    "one of 4, 5, both": ("jokin näistä: 4, 5, both (Moodlen versio, esim. 4.5)",
                          "något av: 4, 5, both (Moodles version, t.ex. 4.5)"),
    "one of chapter, guide": ("jokin näistä: chapter, guide", "något av: chapter, guide"),
    "lower-case letters, digits and '-'": ("pieniä kirjaimia, numeroita ja viivoja '-'",
                                           "små bokstäver, siffror och bindestreck '-'"),
    "a path to an image": ("polku kuvaan", "en sökväg till en bild"),
    "a list of language tags: sv, fi-selko, en, fi": ("luettelo kielitunnuksia: sv, fi-selko, en, fi",
                                                      "en lista med språkkoder: sv, fi-selko, en, fi"),
    "language tags other than the course's own language": ("muita kielitunnuksia kuin kurssin oma kieli",
                                                            "andra språkkoder än kursens eget språk"),
    "a list of the source's chapter files": ("luettelo lähdekielisen kurssin lukutiedostoja",
                                             "en lista med källans kapitelfiler"),
}


# How a diagnostic names the nearest thing that exists ('suggestion' field), in each language.
_DID_YOU_MEAN = {"fi": " Tarkoititko '{name}'?", "sv": " Menade du '{name}'?", "en": " Did you mean '{name}'?"}


def did_you_mean(language: str, name: str | None) -> str:
    """' Tarkoititko 'x'?' for the nearest ``name`` that exists; '' when nothing is near."""
    return _DID_YOU_MEAN.get(language, _DID_YOU_MEAN["en"]).format(name=name) if name else ""


def expected_in(language: str, expected: str) -> str:
    """``expected`` (the English of key-type) in ``language``."""
    translated = _EXPECTED.get(expected)
    if translated is None or language not in ("fi", "sv"):
        return expected
    return translated[0] if language == "fi" else translated[1]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    code: str
    severity: str
    message: str
    language: str = "fi"  # the message's, which the warning marker follows

    def __str__(self) -> str:
        level = "" if self.severity == ERROR else f" ({say(self.language, 'warning-marker')})"
        return f"{self.path}:{self.line}: {self.code}{level}: {self.message}"


class Report:
    """Collects diagnostics; the one place where messages are worded."""

    def __init__(self, language: str = "fi", root: str = "") -> None:
        self.language = language
        self.root = root  # shown before course-relative paths, e.g. 'course'
        self._items: list[Diagnostic] = []

    def add(self, code: str, path: str, line: int, **fields: object) -> Diagnostic:
        """Record a problem at ``path`` (relative to the course folder) and ``line``."""
        message = CATALOGUE[code]
        if self.root and not os.path.isabs(path):
            path = os.path.join(self.root, path)
        if "expected" in fields:
            fields["expected"] = expected_in(self.language, str(fields["expected"]))
        if "suggestion" in fields:
            fields["suggestion"] = did_you_mean(self.language, fields["suggestion"])
        text = message.template(self.language).format(**fields)
        diagnostic = Diagnostic(path, max(int(line), 1), code, message.severity, text, self.language)
        if diagnostic not in self._items:
            self._items.append(diagnostic)
        return diagnostic

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            if d not in self._items:
                self._items.append(d)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._items, key=lambda d: (d.path, d.line, d.code)))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == WARNING]
