"""The from-nothing journey's people, coalition and member file, shared by the browser
journey (tests/browser/test_from_nothing.py) and the API one
(tests/project/test_api_from_nothing.py)."""

import csv
import io

from django_countries import countries

from coalesce.coalitions.models import ActorType

FOUNDER_EMAIL = "amina.odhiambo@example.org"
FOUNDER_NAME = "Amina Odhiambo"
FOUNDER_PASSWORD = "a long founding passphrase 2026"
FOUNDER_ORG = "Women's Security Forum"
FOUNDER_ACTOR_TYPE = "cso"
FOUNDER_COUNTRY = "KE"
COALITION = "Coalition for Accountable Security"

VISITOR_EMAIL = "neema.mwakyusa@example.org"
VISITOR_NAME = "Neema Mwakyusa"
VISITOR_PASSWORD = "lake shore mediators 2026"
VISITOR_ORG = "Sauti ya Wanawake Mediators"

CATEGORY = "Steering committee business"
PROPOSAL = "Adopt the first-year work plan"

# name, actor_type (code or label: the import takes both), country (code or English
# name), focus areas, visibility. Apostrophes, accents and non-Latin scripts on purpose.
MEMBERS = [
    ("Mothers' Union of Kisumu", "faith_based", "KE", "Community safety; Policing", "public"),
    (
        "Association des Femmes Juristes de Côte d'Ivoire",
        "professional_association",
        "CI",
        "Justice reform",
        "members",
    ),
    ("Réseau des Femmes pour la Paix", "cso", "Senegal", "Community safety", "public"),
    ("Ассоциация женщин-миротворцев", "cso", "GE", "Peacebuilding", "members"),
    ("شبكة النساء للأمن", "cso", "JO", "Policing; Peacebuilding", "members"),
    ("女性安全研究所", "research", "JP", "Research", "members"),
    ("Ủy ban Phụ nữ vì Hòa bình", "cso", "VN", "Peacebuilding", "members"),
    (
        "Institute for Security Studies Nairobi",
        "Research institute / think tank",
        "KE",
        "Research; Oversight",
        "public",
    ),
    ("University of Nairobi Gender Centre", "academia", "KE", "Research", "members"),
    ("Makerere Peace Lab", "academia", "Uganda", "Research; Peacebuilding", "members"),
    ("Interfaith Council for Peace", "Faith-based organisation", "TZ", "Peacebuilding", "members"),
    ("St. Brigid's Women's Fellowship", "faith_based", "NG", "Community safety", "members"),
    ("Women Police Officers' Network", "professional_association", "KE", "Policing", "members"),
    (
        "Bar Association Women's Caucus",
        "professional_association",
        "UG",
        "Justice reform",
        "steering",
    ),
    (
        "Independent Policing Oversight Authority",
        "oversight",
        "KE",
        "Oversight; Policing",
        "public",
    ),
    ("Parliamentary Committee on Defence Staff", "oversight", "KE", "Oversight", "members"),
    ("Radio Mwananchi", "media", "TZ", "Community safety", "members"),
    ("La Voz de las Mujeres", "media", "CO", "Community safety; Justice reform", "public"),
    ("Student Peace Ambassadors", "student_group", "RW", "Peacebuilding", "members"),
    ("Youth for Safer Streets", "student_group", "KE", "", "members"),
    ("Ñandutí Women's Network", "cso", "PY", "Community safety", "members"),
    ("Øresund Gender & Security Forum", "international", "Denmark", "Research", "members"),
]


def member_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "kind", "actor_type", "country", "focus_areas", "visibility"])
    for name, actor_type, country, areas, visibility in MEMBERS:
        writer.writerow([name, "organisation", actor_type, country, areas, visibility])
    return out.getvalue().encode("utf-8")


def actor_type_code(value: str) -> str:
    by_label = {str(label).lower(): code for code, label in ActorType.choices}
    return value if value in ActorType.values else by_label[value.lower()]


def country_code(value: str) -> str:
    return value if len(value) == 2 else countries.by_name(value, language="en")
