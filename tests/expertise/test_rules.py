"""The pure rules: language codes, and which offers a request reaches."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalesce.core.errors import DomainError
from coalesce.expertise.rules import (
    LANGUAGE_CODES,
    clean_language,
    language_name,
    normalise_language,
    reaches,
)

codes = st.sampled_from(sorted(LANGUAGE_CODES))
topics = st.sampled_from(["legal_aid", "media", "research"])
languages = st.sampled_from(["", "en", "fr", "sw"])


@given(codes, st.sampled_from([str.upper, str.lower, str.title]), st.sampled_from(["", " "]))
def test_every_known_code_is_accepted_however_it_is_written(code, case, pad):
    written = pad + case(code).replace("-", "_") + pad
    assert clean_language(written) == code


@given(st.text(max_size=12))
def test_normalising_is_idempotent_and_cleaning_accepts_only_known_codes(value):
    once = normalise_language(value)
    assert normalise_language(once) == once
    try:
        cleaned = clean_language(value)
    except DomainError as error:
        assert error.field == "language"
    else:
        assert cleaned == "" or cleaned in LANGUAGE_CODES


@pytest.mark.parametrize("value", ["xx", "english", "en-", 5, "zz-zz"])
def test_unknown_codes_are_refused_on_the_field(value):
    with pytest.raises(DomainError) as raised:
        clean_language(value, "lang")
    assert raised.value.field == "lang"


def test_none_and_empty_mean_no_language_and_names_are_the_languages_own():
    assert clean_language(None) == clean_language("") == ""
    assert language_name("fr") == "français"
    assert language_name("qq") == "qq"


@given(topics, languages, topics, languages)
def test_a_request_reaches_an_offer_of_its_topic_in_a_shared_or_unsaid_language(
    offer_topic, offer_language, request_topic, request_language
):
    reached = reaches(offer_topic, offer_language, request_topic, request_language)
    if offer_topic != request_topic:
        assert not reached
    elif offer_language and request_language:
        assert reached == (offer_language == request_language)
    else:
        assert reached
    # symmetric: the rule does not care which side says the language
    assert reached == reaches(request_topic, request_language, offer_topic, offer_language)
