import datetime as dt

import pytest

from whodid.resolve.dates import resolve_expression

FRIDAY = dt.date(2015, 9, 18)


@pytest.mark.parametrize("text, future, expected, precision", [
    ("on Saturday", False, "2015-09-12", "day"),
    ("on Thursday", False, "2015-09-17", "day"),
    ("on Friday", False, "2015-09-18", "day"),
    ("on Monday", True, "2015-09-21", "day"),
    ("next Friday", True, "2015-09-25", "day"),
    ("yesterday", False, "2015-09-17", "day"),
    ("last night", False, "2015-09-17", "day"),
    ("today", False, "2015-09-18", "day"),
    ("tomorrow", True, "2015-09-19", "day"),
    ("September 17, 2015", False, "2015-09-17", "day"),
    ("Sept. 17", False, "2015-09-17", "day"),
    ("17 September", False, "2015-09-17", "day"),
    ("2015-09-17", False, "2015-09-17", "day"),
    ("in March 2011", False, "2011-03-01", "month"),
    ("last month", False, "2015-08-01", "month"),
    ("in 2011", False, "2011-01-01", "year"),
])
def test_expressions(text, future, expected, precision):
    resolved = resolve_expression(text, FRIDAY, future)
    assert resolved is not None, text
    assert resolved.date.isoformat() == expected
    assert resolved.precision == precision


def test_weekdays_across_month_and_year_ends():
    new_year = dt.date(2016, 1, 2)  # a Saturday
    assert resolve_expression("on Wednesday", new_year, False).date == dt.date(2015, 12, 30)
    assert resolve_expression("on Tuesday", new_year, True).date == dt.date(2016, 1, 5)
    march = dt.date(2016, 3, 1)  # a Tuesday, after a leap day
    assert resolve_expression("on Sunday", march, False).date == dt.date(2016, 2, 28)


def test_no_date_words():
    assert resolve_expression("the talks", FRIDAY, False) is None
