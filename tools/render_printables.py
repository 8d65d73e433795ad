"""Render Module 12's printables and save PNGs of them for the docs.

    .venv/bin/python tools/render_printables.py [docs/printables]

Writes page 1 of the run sheet (a 90-minute plan starting 09:00, with a break and a
local change), the handout, the answer key and the first page of role-play cards, as
A4 PNGs at 80 dpi (needs poppler-utils' pdftoppm).
"""

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def main(out: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    import django

    django.setup()
    from coalesce.training import printables
    from coalesce.training.agenda import fit
    from coalesce.training.catalogue import get_module

    module = get_module("module-12")
    items = module.items()
    overrides = {
        items[0].id: {
            "note": "Welcome in the local language first; name the host organisation.",
            "video": "https://example.org/local-coalition-story",
        }
    }
    agenda = fit(
        module,
        90,
        start=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
        breaks=[{"after_item": items[2].id, "minutes": 5, "label": "Stretch break"}],
        overrides=overrides,
    )
    documents = {
        "run-sheet": printables.run_sheet(
            agenda, "a4", overrides=overrides, title="Ninety-minute session"
        ),
        "handout": printables.handout(module, module.handouts[0].id, "a4"),
        "answer-key": printables.assessment(module, "a4", answer_key=True),
        "role-play-cards": printables.role_play_cards(module, "a4"),
    }
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, pdf in documents.items():
            source = Path(scratch) / f"{name}.pdf"
            source.write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                 str(source), str(out / name)],
                check=True,
            )  # fmt: skip
            print(out / f"{name}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/printables"))
