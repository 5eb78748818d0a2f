"""Dates typed by a person: the forms read, and errors that say what to write instead."""

from __future__ import annotations

import pytest

from summit_timeline.core.date_input import DateInputError, read_date, read_day
from summit_timeline.core.day_numbers import day_number


@pytest.mark.parametrize("typed", [
    "2024-10-23", "23 Oct 2024", "23 October 2024", "October 23, 2024", "Oct 23 2024",
    "23rd October 2024", "  23   oct.  2024 ", "2024/10/23", "2024-10-23", "23-Oct-2024",
    "2024 Oct 23",
])
def test_the_forms_people_write_a_day_in(typed: str) -> None:
    assert read_day(typed) == day_number(2024, 10, 23)


def test_a_month_or_a_year_means_everything_known_by_its_end() -> None:
    assert read_day("2024-10") == day_number(2024, 10, 31)
    assert read_day("Oct 2024") == day_number(2024, 10, 31)
    assert read_day("2024") == day_number(2024, 12, 31)


def test_day_first_numbers_are_refused_with_the_likely_date() -> None:
    with pytest.raises(DateInputError) as caught:
        read_day("23/10/2024")
    message = str(caught.value)
    assert "2024-10-23 (year-month-day)" in message and "23 Oct 2024" in message
    assert message.endswith("Did you mean 2024-10-23?")
    assert "EDTF" not in message and "interval" not in message


def test_numbers_that_read_both_ways_offer_both() -> None:
    with pytest.raises(DateInputError) as caught:
        read_day("03/07/2024")
    assert caught.value.suggestions == ("2024-07-03", "2024-03-07")


def test_a_known_numeric_order_reads_the_locale_form() -> None:
    """A date field knows its locale's order: 23/10/2024 in Britain, 10/23/2024 in the US."""
    assert read_day("23/10/2024", order="dmy") == day_number(2024, 10, 23)
    assert read_day("10/23/24", order="mdy") == day_number(2024, 10, 23)


def test_month_names_of_another_language_can_be_added() -> None:
    assert read_day("23 окт. 2024", months={"окт.": 10}) == day_number(2024, 10, 23)


@pytest.mark.parametrize(("typed", "says", "suggests"), [
    ("2024-02-30", "February 2024 has 29 days", ()),
    ("2024-13-01", "no month 13", ()),
    ("23 Otc 2024", "where a month's name was expected", ("2024-10-23",)),
    ("20241023", "needs dashes", ("2024-10-23",)),
    ("2024-10-23T10:00", "time of day", ("2024-10-23",)),
    ("tomorrow", "not a date", ()),
    ("", "No date given", ()),
])
def test_plain_errors(typed: str, says: str, suggests: tuple[str, ...]) -> None:
    with pytest.raises(DateInputError) as caught:
        read_date(typed)
    assert says in str(caught.value)
    assert caught.value.suggestions == suggests


def test_a_day_field_refuses_a_month_and_says_which_day_it_would_be() -> None:
    with pytest.raises(DateInputError) as caught:
        read_date("2024-10", day_only=True)
    assert "not a single day (October 2024)" in str(caught.value)
    assert read_date("23 Oct 2024", day_only=True).text == "2024-10-23"
