"""Amounts and dates as Chinese news writes them (loaders.amounts)."""

import pytest

from ecox.loaders.amounts import find_amounts, find_dates, parse_amount, parse_date, parse_number


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("获得贷款495万元", 4_950_000, "CNY"),
        ("规模1.78亿元", 178_000_000, "CNY"),
        ("签约金额6590万美元", 65_900_000, "USD"),
        ("注资三千万元", 30_000_000, "CNY"),
        ("募资两亿元", 200_000_000, "CNY"),
        ("余额1.35万亿元", 1_350_000_000_000, "CNY"),
        ("兑现奖励4500余万元", 45_000_000, "CNY"),
        ("融资800欧元", 800, "EUR"),
        ("投资1,200万港元", 12_000_000, "HKD"),
        ("资助50元", 50, "CNY"),
    ],
)
def test_amount_value_and_currency(text, value, currency):
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency
    assert text[amount.start : amount.end] == amount.text


def test_each_party_amount_is_marked():
    amount = parse_amount("分别获得两家银行各300万元授信")
    assert amount is not None and amount.each and amount.value == 3_000_000
    assert not parse_amount("获得300万元授信").each


def test_no_amount_without_currency():
    assert parse_amount("9500余人次参会,421个项目") is None
    assert find_amounts("") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二", 12),
        ("一百零五", 105),
        ("三千万", 30_000_000),
        ("两亿五千万", 250_000_000),
        ("4.5万", 45_000),
        ("十", 10),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_rejects_words():
    with pytest.raises(ValueError):
        parse_number("若干")


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("2025年11月,公司获得贷款", None, "2025-11"),
        ("2022年4月16日签约", None, "2022-04-16"),
        ("截至2025年末", None, "2025-12"),
        ("2024年底完成", None, "2024-12"),
        ("2023年", None, "2023"),
        ("今年1月5日寄送样品", "2026-01-22", "2026-01-05"),
        ("去年3月落户", "2026-01-22", "2025-03"),
        ("1月28日举行发布会", "2026-01-30", "2026-01-28"),
        ("12月24日举办培训", "2026-01-22", "2025-12-24"),
    ],
)
def test_dates(text, published, value):
    assert parse_date(text, published) == value


def test_vague_dates_are_blank():
    assert parse_date("近日,公司获得融资", "2026-01-22") is None
    assert parse_date("近期获得贷款", "2026-01-22") is None


def test_relative_dates_need_a_publication_date():
    assert parse_date("今年1月5日", None) is None
    assert [d.value for d in find_dates("2019年5月和今年2月", "2026-03-01")] == [
        "2019-05",
        "2026-02",
    ]


def test_invalid_month_is_skipped():
    assert parse_date("2025年13月") == "2025"
