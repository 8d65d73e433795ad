"""Guess the kind of organisation (``ActorType``) a room's free text names.

Only a first guess shown to the steering committee, who can change it; no match
leaves the kind empty rather than guessing "other".
"""

import re

# Checked in order: the first kind with a matching word wins ("women police officers'
# association" is a professional association, not the police).
KEYWORDS = (
    ("student_group", ("student", "students", "youth", "campus")),
    ("faith_based", ("church", "churches", "mosque", "faith", "religious", "imam", "priest")),
    ("academia", ("university", "universities", "academic", "academics", "college")),
    ("research", ("research", "think", "institute")),
    ("political_party", ("party", "parties", "politician", "politicians")),
    ("media", ("media", "journalist", "journalists", "radio", "newspaper", "press")),
    (
        "oversight",
        (
            "ombudsman",
            "ombudsperson",
            "oversight",
            "parliament",
            "parliamentary",
            "commission",
            "inspector",
            "auditor",
        ),
    ),  # fmt: skip
    (
        "professional_association",
        (
            "association",
            "union",
            "lawyers",
            "officers",
            "bar",
            "professional",
            "nurses",
            "doctors",
            "police",
            "army",
            "military",
            "soldiers",
        ),
    ),  # fmt: skip
    ("ministry", ("ministry", "minister", "government", "department")),
    ("international", ("international", "un", "donor", "donors", "embassy", "foreign")),
    (
        "cso",
        (
            "ngo",
            "ngos",
            "cso",
            "csos",
            "civil",
            "community",
            "women's",
            "group",
            "network",
            "organisation",
            "organization",
            "charity",
        ),
    ),  # fmt: skip
)
WORD = re.compile(r"[\w']+")


def guess_actor_type(text: str) -> str:
    words = set(WORD.findall((text or "").lower()))
    for kind, keywords in KEYWORDS:
        if words.intersection(keywords):
            return kind
    return ""
