"""Fill the catalogues' empty entries from translated .po files (by msgctxt and msgid), and
set each catalogue's header. Used once a translator hands back a part of a catalogue:

    python tools/fill_translations.py fr translated-part-1.po translated-part-2.po
"""

import sys
from datetime import date
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "coalesce" / "locale"
NAMES = {"fr": "French", "es": "Spanish", "ar": "Arabic"}
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
}


def fill(language: str, sources: list[str]) -> tuple[int, int]:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    known = {}
    for source in sources:
        for entry in polib.pofile(source):
            if entry.translated():
                known[(entry.msgctxt, entry.msgid)] = entry
    filled = 0
    for entry in catalogue:
        found = known.get((entry.msgctxt, entry.msgid))
        if found is None or entry.translated():
            continue
        entry.msgstr = found.msgstr
        if entry.msgid_plural:
            entry.msgstr_plural = dict(found.msgstr_plural)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    catalogue.metadata_is_fuzzy = False
    catalogue.header = (
        f"Coalesce's interface in {NAMES[language]}, translated within the project.\n"
        "Corrections are welcome: see the README, “Languages”.\n"
        "This file is distributed under the same licence as Coalesce."
    )
    catalogue.metadata.update(
        {
            "Project-Id-Version": "Coalesce",
            "Language-Team": "Coalesce contributors",
            "Last-Translator": "Coalesce contributors",
            "Language": language,
            "PO-Revision-Date": date.today().isoformat(),
            "Plural-Forms": PLURAL_FORMS[language],
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    catalogue.save(str(path))
    untranslated = len(catalogue.untranslated_entries())
    return filled, untranslated


if __name__ == "__main__":
    print(fill(sys.argv[1], sys.argv[2:]))
