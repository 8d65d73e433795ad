"""Member files without a database: reading, checking every row, writing them back."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalesce.coalitions import member_file as mf
from coalesce.coalitions.member_file import MemberFileError, MemberRecord
from coalesce.coalitions.models import ActorType, Visibility

HEADER = ",".join(mf.COLUMNS)


def parse_text(text: str, encoding="utf-8", filename="members.csv"):
    return mf.parse(text.encode(encoding), filename)


def problems(parsed):
    return [(row.number, p.column) for row in parsed.rows for p in row.problems]


# --- round trip: what the writer writes reads back the same ---------------------------

# Any letters, marks, numbers, punctuation, symbols and spaces of any script (not
# control characters or surrogates); stripped, since cells are.
TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).map(str.strip)
NAMES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "Women's Voice Network",
            "L'Association des Femmes Juristes",
            "Réseau Ñandú – Çà et là",
            "جمعية النساء من أجل السلام",
            "Женская сеть за безопасность",
            "妇女和平网络",
            "=HYPERLINK(1)",
            "'=quoted",
            "-minus",
            "+254 group",
        ]
    ),
).filter(bool)
AREA = TEXT.map(lambda t: t.replace(";", "").strip()).filter(bool)


@st.composite
def records(draw):
    kind = draw(st.sampled_from([mf.ORGANISATION, mf.PERSON]))
    visibility = draw(st.sampled_from(Visibility.values))
    alias = draw(st.one_of(st.just(""), NAMES.map(lambda n: n[:80].strip()).filter(bool)))
    if visibility == Visibility.PSEUDONYMOUS and not alias:
        alias = "Friends"
    fields = {
        "name": draw(NAMES),
        "kind": kind,
        "visibility": visibility,
        "alias": alias,
        "contact_email": draw(st.sampled_from(["", "a.b@example.org", "x@ex.ke"])),
        "contact_phone": draw(st.sampled_from(["", "+254 700 000 000", "0700-1"])),
        "contact_address": draw(st.one_of(st.just(""), TEXT)),
    }
    if kind == mf.ORGANISATION:
        areas = draw(st.lists(AREA, max_size=4, unique_by=str.casefold))
        fields |= {
            "actor_type": draw(st.sampled_from(ActorType.values)),
            "country": draw(st.sampled_from(["KE", "UG", "FR", "UA", "CN", "EG", "CI"])),
            "focus_areas": tuple(areas),
            "website": draw(st.sampled_from(["", "https://example.org/a?b=c"])),
        }
    return MemberRecord(**fields)


MEMBER_LISTS = st.lists(records(), max_size=12, unique_by=lambda r: r.key)


@given(MEMBER_LISTS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_rows_written_as_csv_read_back_the_same(rows):
    parsed = parse_text(mf.write_csv(rows))
    assert problems(parsed) == []
    assert [row.record for row in parsed.rows] == rows


@given(MEMBER_LISTS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_rows_written_as_xlsx_read_back_the_same(rows):
    parsed = mf.parse(mf.write_xlsx(rows), "members.xlsx")
    assert [row.record for row in parsed.rows] == rows


@given(st.text(max_size=30))
def test_the_formula_guard_is_undone_exactly(value):
    assert mf.unguard_cell(mf.guard_cell(value)) == value
    assert mf.guard_cell(value)[:1] not in ("=", "+", "-", "@")


# --- encodings and files that are not member lists -------------------------------------


def test_utf8_with_a_byte_order_mark_is_read():
    data = b"\xef\xbb\xbf" + f"{HEADER}\r\nCaf\u00e9 Femmes,person\r\n".encode()
    parsed = mf.parse(data, "m.csv")
    assert parsed.columns[0] == "name"
    assert parsed.rows[0].record.name == "Café Femmes"


def test_latin1_is_read_when_the_file_is_not_utf8():
    text = (
        "name,kind,actor_type,country\r\nAssociation Générale d’Éducation,organisation,cso,FR\r\n"
    )
    parsed = parse_text(text, encoding="cp1252")
    assert parsed.rows[0].record.name == "Association Générale d’Éducation"
    parsed = parse_text("name,kind\r\nJosé Núñez,person\r\n", encoding="latin-1")
    assert parsed.rows[0].record.name == "José Núñez"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n\x00\x01\x02",
        bytes(range(256)),
        b"name,kind\r\nA\x07B,person\r\n",
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(data):
    with pytest.raises(MemberFileError) as refused:
        mf.parse(data, "members.csv")
    assert "not a CSV" in refused.value.message


def test_a_file_named_xlsx_that_is_not_one_is_refused():
    with pytest.raises(MemberFileError):
        mf.parse(b"name,kind\r\n", "members.xlsx")
    with pytest.raises(MemberFileError):
        mf.parse(b"PK\x03\x04 broken zip", "members.xlsx")


def test_a_file_over_the_limit_is_refused_with_413():
    data = (HEADER + "\r\n").encode() + b"x" * mf.MAX_IMPORT_BYTES
    with pytest.raises(MemberFileError) as refused:
        mf.parse(data, "members.csv")
    assert refused.value.status == 413 and "2 MB" in refused.value.message


def test_too_many_rows_are_refused():
    text = "name,kind\r\n" + "".join(f"P{i},person\r\n" for i in range(mf.MAX_IMPORT_ROWS + 1))
    with pytest.raises(MemberFileError) as refused:
        parse_text(text)
    assert "5000" in refused.value.message


def test_an_empty_file_is_refused():
    with pytest.raises(MemberFileError):
        mf.parse(b"", "m.csv")
    with pytest.raises(MemberFileError):
        mf.parse(b"\r\n , \r\n", "m.csv")


# --- columns ----------------------------------------------------------------------------


def test_missing_columns_are_named():
    with pytest.raises(MemberFileError) as refused:
        parse_text("name,actor_type\r\nA,cso\r\n")
    assert refused.value.field == "columns" and "kind" in refused.value.message


def test_unknown_columns_are_named():
    with pytest.raises(MemberFileError) as refused:
        parse_text("name,kind,colour\r\nA,person,red\r\n")
    assert "colour" in refused.value.message


def test_a_repeated_column_is_refused():
    with pytest.raises(MemberFileError) as refused:
        parse_text("name,kind,name\r\nA,person,B\r\n")
    assert "twice" in refused.value.message


def test_headers_are_case_insensitive_and_semicolons_separate_too():
    parsed = parse_text("Name;KIND;Actor Type;Country\r\nOpen Hands;Organisation;CSO;kenya\r\n")
    record = parsed.rows[0].record
    assert (record.name, record.kind, record.actor_type, record.country) == (
        "Open Hands",
        "organisation",
        "cso",
        "KE",
    )


# --- rows -------------------------------------------------------------------------------


def test_labels_and_country_names_are_accepted():
    text = (
        "name,kind,actor_type,country,visibility,alias\r\n"
        "A,organisation,Civil-society organisation,Côte d'Ivoire,Steering committee only,\r\n"
        "B,organisation,academia,United Kingdom,pseudonymous,Bee\r\n"
    )
    a, b = (row.record for row in parse_text(text).rows)
    assert (a.actor_type, a.country, a.visibility) == ("cso", "CI", "steering")
    assert (b.actor_type, b.country, b.visibility, b.alias) == (
        "academia",
        "GB",
        "pseudonymous",
        "Bee",
    )


@pytest.mark.parametrize(
    "line,column",
    [
        ("Org,organisation,spies,KE,,", "actor_type"),
        ("Org,organisation,cso,Narnia,,", "country"),
        ("Org,organisation,cso,XX,,", "country"),
        ("Org,organisation,,KE,,", "actor_type"),
        ("Org,organisation,cso,,,", "country"),
        ("Org,company,cso,KE,,", "kind"),
        (",organisation,cso,KE,,", "name"),
        ("Org,organisation,cso,KE,pseudonymous,", "alias"),
        ("Org,organisation,cso,KE,secret,", "visibility"),
        ("Jane,person,cso,,,", "actor_type"),
        ("Jane,person,,KE,,", "country"),
    ],
)
def test_a_bad_row_names_its_row_and_column(line, column):
    parsed = parse_text(
        f"name,kind,actor_type,country,visibility,alias\r\nOK,person,,,,\r\n{line}\r\n"
    )
    assert parsed.rows[0].ok
    assert (3, column) in problems(parsed)
    assert not parsed.rows[1].ok


def test_bad_contacts_and_websites_are_problems():
    text = (
        "name,kind,actor_type,country,website,contact_email,contact_phone\r\n"
        "Org,organisation,cso,KE,ftp://x,not-an-email," + "9" * 41 + "\r\n"
    )
    assert {c for _n, c in problems(parse_text(text))} == {
        "website",
        "contact_email",
        "contact_phone",
    }


def test_a_row_repeating_an_earlier_one_is_a_problem():
    parsed = parse_text("name,kind\r\nJane Doe,person\r\nAmina,person\r\njane doe,person\r\n")
    assert problems(parsed) == [(4, "name")]
    assert "row 2" in parsed.rows[2].problems[0].message


def test_the_same_name_as_an_organisation_and_as_a_person_are_two_members():
    parsed = parse_text(
        "name,kind,actor_type,country\r\nAmina,person,,\r\nAmina,organisation,cso,KE\r\n"
    )
    assert problems(parsed) == []


def test_focus_areas_are_split_trimmed_and_deduplicated():
    parsed = parse_text(
        "name,kind,actor_type,country,focus_areas\r\n"
        'Org,organisation,cso,KE," Police ;prisons;; police"\r\n'
    )
    assert parsed.rows[0].record.focus_areas == ("Police", "prisons")


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    parsed = parse_text("name,kind\r\n\r\nA,person\r\n,\r\nB,robot\r\n")
    assert [row.number for row in parsed.rows] == [3, 5]
    assert problems(parsed) == [(5, "kind")]
