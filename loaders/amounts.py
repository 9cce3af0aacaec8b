"""Money amounts and dates as Chinese news writes them.

Amounts keep their own currency (``6590万美元`` is 65.9 million USD, never
converted); ``各100万元`` is marked ``each`` (the amount applies to every party).
Dates are as precise as the text: ``2025年11月`` → ``2025-11``; relative dates
(``今年1月5日``, ``1月28日``) are resolved against the publication date;
``近日``/``近期`` give no date.

Examples
--------
>>> parse_amount("获得3000万元股权投资")
Amount(value=30000000.0, currency='CNY', text='3000万元', start=2, end=8, each=False)
>>> parse_amount("签约外债金额6590万美元").currency
'USD'
>>> parse_amount("各100万元贷款").each
True
>>> parse_number("三千万"), parse_number("1.78亿")
(30000000.0, 178000000.0)
>>> parse_date("2022年4月16日"), parse_date("2025年末"), parse_date("今年1月5日", "2026-01-22")
('2022-04-16', '2025-12', '2026-01-05')
>>> parse_date("近日", "2026-01-22") is None
True
>>> parse_date("上月", "2026-01-22"), parse_date("今年一季度", "2026-04-08")
('2025-12', '2026')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Amount",
    "DateMention",
    "find_amounts",
    "find_dates",
    "parse_amount",
    "parse_date",
    "parse_number",
]

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_CURRENCIES = (
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("澳元", "AUD"),
    ("人民币", "CNY"),
    ("元", "CNY"),
)
_CN = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"
_AMOUNT = re.compile(
    r"(?P<each>各)?(?:约|近|超过|超|逾|共|合计|总计)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[" + _CN + r"]+)"
    r"(?P<more1>余|多)?(?P<unit>万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千)?(?P<more2>余|多)?"
    r"(?P<cur>" + "|".join(c for c, _ in _CURRENCIES) + r")"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount found in text.

    Attributes
    ----------
    value : float
        The amount in units of ``currency``.
    currency : str
        ISO code (CNY, USD, EUR, …).
    text : str
        The matched text.
    start, end : int
        Offsets of the match.
    each : bool
        True for ``各100万元``: the amount applies to each party.
    """

    value: float
    currency: str
    text: str
    start: int
    end: int
    each: bool = False


def parse_number(text: str) -> float:
    """A number written in Arabic digits, Chinese numerals, or both, with 万/亿 units.

    >>> parse_number("4500万"), parse_number("十二"), parse_number("1.35万亿")
    (45000000.0, 12.0, 1350000000000.0)
    """
    text = text.replace(",", "").strip()
    if not text:
        raise ValueError("empty number")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(.*)", text)
    if m:
        value = float(m.group(1))
        for ch in m.group(2):
            if ch in _BIG_UNITS:
                value *= _BIG_UNITS[ch]
            elif ch in _SMALL_UNITS:
                value *= _SMALL_UNITS[ch]
            else:
                raise ValueError(f"not a number: {text!r}")
        return value
    total = 0.0
    section = 0.0
    digit = 0.0
    seen = False
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
            seen = True
        elif ch in _SMALL_UNITS:
            section += (digit if seen and digit else 1) * _SMALL_UNITS[ch]
            digit, seen = 0, False
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            section += digit
            if unit == 100_000_000:
                total = (total + section) * unit
            else:
                total += section * unit
            section, digit, seen = 0, 0, False
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + section + digit


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``, in order."""
    out = []
    currency_of = dict(_CURRENCIES)
    for m in _AMOUNT.finditer(text):
        try:
            value = parse_number(m["num"] + (m["unit"] or ""))
        except ValueError:
            continue
        if value <= 0:
            continue
        start = m.start("num") if not m["each"] else m.start()
        out.append(
            Amount(
                value, currency_of[m["cur"]], text[start : m.end()], start, m.end(), bool(m["each"])
            )
        )
    return out


def parse_amount(text: str) -> Amount | None:
    """The first money amount in ``text``, or None."""
    found = find_amounts(text)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: ``value`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    value: str
    text: str
    start: int
    end: int


_ABS = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年(?:度)?"
    r"(?:(?P<m>\d{1,2})\s*月(?:份)?(?:(?P<d>\d{1,2})\s*[日号])?)?"
    r"(?P<edge>年末|年底|年初|末|底|初)?"
)
_REL = re.compile(
    r"(?P<rel>今年|去年|明年|前年|本年)"
    r"(?:(?P<m>\d{1,2})\s*月(?:份)?(?:(?P<d>\d{1,2})\s*[日号])?)?(?P<edge>年末|年底|年初|末|底|初)?"
)
_MD = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月(?:(?P<d>\d{1,2})\s*[日号])")
_MONTH_REL = re.compile(
    r"(?P<rel>上个月|上月|本月|这个月|当月)(?:(?P<d>\d{1,2})\s*[日号])?(?P<edge>初|底|末)?"
)
_M_ONLY = re.compile(
    r"(?<![\d年月.\-/])(?P<m>\d{1,2})\s*月(?:份)?(?:初|底|末|中旬|上旬|下旬)?(?=[，,、\s]|以来|起|开始|中|间)"
)
_VAGUE = re.compile(r"近日|近期|日前|近来|截至目前|目前")


def _format(y: int, m: int | None, d: int | None, edge: str | None) -> str | None:
    if m is not None and not 1 <= m <= 12:
        return None
    if d is not None and not 1 <= d <= 31:
        return None
    if m is None and edge:
        m = 12 if edge[-1] in "末底" else 1
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    """Every date in ``text``; relative ones need ``published`` (``YYYY-MM-DD``)."""
    pub_y = pub_m = None
    if published and re.match(r"\d{4}", published):
        pub_y = int(published[:4])
        pub_m = int(published[5:7]) if len(published) >= 7 else None
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _ABS.finditer(text):
        value = (
            _format(
                int(m["y"]),
                int(m["m"]) if m["m"] else None,
                int(m["d"]) if m["d"] else None,
                m["edge"],
            )
            or m["y"]
        )
        if value:
            out.append(DateMention(value, m.group(), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    if pub_y is not None:
        shift = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1}
        for m in _REL.finditer(text):
            if not (m["m"] or m["edge"]):
                value = str(pub_y + shift[m["rel"]])
            else:
                value = (
                    _format(
                        pub_y + shift[m["rel"]],
                        int(m["m"]) if m["m"] else None,
                        int(m["d"]) if m["d"] else None,
                        m["edge"],
                    )
                    or ""
                )
            if value:
                out.append(DateMention(value, m.group(), m.start(), m.end()))
                taken.append((m.start(), m.end()))
        for m in _MD.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            month, day = int(m["m"]), int(m["d"])
            year = pub_y
            if pub_m is not None and month > pub_m + 2:
                year -= 1  # "12月24日" in a January report is last December
            value = _format(year, month, day, None)
            if value:
                out.append(DateMention(value, m.group(), m.start(), m.end()))
                taken.append((m.start(), m.end()))
        for m in _M_ONLY.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            month = int(m["m"])
            year = pub_y
            if pub_m is not None and month > pub_m + 2:
                year -= 1
            value = _format(year, month, None, None)
            if value:
                out.append(DateMention(value, m.group(), m.start(), m.end()))
        if pub_m is not None:
            for m in _MONTH_REL.finditer(text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                year, month = pub_y, pub_m
                if m["rel"] in {"上个月", "上月"}:
                    year, month = (year, month - 1) if month > 1 else (year - 1, 12)
                value = _format(year, month, int(m["d"]) if m["d"] else None, None)
                if value:
                    out.append(DateMention(value, m.group(), m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


def parse_date(text: str, published: str | None = None) -> str | None:
    """The first date in ``text``; None when there is none or it is vague (近日)."""
    found = find_dates(text, published)
    if found:
        return found[0].value
    return None
