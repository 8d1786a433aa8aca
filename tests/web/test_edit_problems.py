"""A validator message on the form, in the page's language (web/edit_problems.py)."""

from geo_layout.web.edit_problems import said


def test_a_known_message_shape_is_said_in_chinese_with_its_values():
    assert said("must be a number, got 'lots'", "zh") == {"text": "应为数字，收到的是 'lots'",
                                                        "detail": None}


def test_an_unknown_shape_gets_the_general_sentence_and_the_english_detail():
    message = "a ring of the boundary is not closed"  # no shape in words/problems
    got = said(message, "zh")
    assert got["detail"] == message and got["text"] != message
    assert all("\u4e00" <= ch <= "\u9fff" or not ch.isalpha() for ch in got["text"])


def test_english_is_the_message_itself():
    assert said("must be a number, got 'lots'", "en") == {
        "text": "must be a number, got 'lots'", "detail": None}
