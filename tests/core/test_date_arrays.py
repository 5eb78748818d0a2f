"""The vectorised date path must agree with the one-by-one parser everywhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summit_timeline.core import dates
from summit_timeline.core.date_arrays import plain_bounds

TRICKY = [
    "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01",
    "2024", "2024-05", "2024-21", "2024-05~", "201X", "2024-10-22/2024-10-24",
    "2024-10-24/2024-10-22", "2024-10-22/..", "1900-02-29", "2000-02-29", "9999-12-31",
    "2024-5-1", "abcd", "", "2024-05~", "2024?", "2024-05-16%", "2024-13~", "~", "?",
    "2024-10-22/2024-10-24~", "2024-02-30?", "2024-10-22/2024-1-24", "-0044-03-15",
    "2024-07-03T18:30:00",
]


def assert_agrees(texts: list[str]) -> None:
    arrays = plain_bounds(texts)
    for i, text in enumerate(texts):
        if not arrays.plain[i]:
            continue
        parsed = dates.parse(text)
        assert (arrays.lower[i], arrays.upper[i]) == (parsed.lower, parsed.upper), text
        assert arrays.precision[i] == parsed.precision, text
        assert arrays.interval[i] == parsed.is_interval, text
        assert arrays.approximate[i] == parsed.approximate, text
        assert arrays.uncertain[i] == parsed.uncertain, text


def test_tricky_cases_agree_and_bad_ones_are_left_to_the_parser() -> None:
    assert_agrees(TRICKY)
    arrays = plain_bounds(TRICKY)
    decided = {t for t, p in zip(TRICKY, arrays.plain, strict=True) if p}
    assert {"2024-02-29", "2024", "2024-05", "2024-10-22/2024-10-24"} <= decided
    assert {"2024-05~", "2024?", "2024-05-16%"} <= decided
    assert not decided & {"2023-02-29", "2024-13-01", "2024-21", "2024-10-24/2024-10-22",
                          "1900-02-29", "2024-13~", "~", "2024-02-30?"}


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 9999), st.integers(0, 14), st.integers(0, 32),
                          st.sampled_from(["day", "month", "year", "span"]),
                          st.integers(-3, 40), st.sampled_from(["", "", "~", "?", "%"])),
                min_size=1, max_size=30))
def test_random_plain_forms_agree(items: list[tuple[int, int, int, str, int, str]]) -> None:
    texts = []
    for year, month, day, form, extra, qualifier in items:
        base = f"{year:04d}-{month:02d}-{day:02d}"
        texts.append({"day": base, "month": base[:7], "year": base[:4],
                      "span": f"{base}/{year:04d}-{month:02d}-{min(max(day + extra, 0), 99):02d}"}
                     [form] + qualifier)
    assert_agrees(texts)
