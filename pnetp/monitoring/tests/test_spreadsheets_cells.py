"""Reading single cells: dates, numbers, percentages and lists as people type them."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from pnetp.monitoring.spreadsheets.cells import (
    CellError,
    escape_formula,
    format_decimal,
    long_text,
    parse_date,
    parse_decimal,
    parse_int,
    split_list,
    unescape_formula,
)


@pytest.mark.parametrize(
    "value, expected",
    [("31/12/2025", date(2025, 12, 31)), ("1/2/2025", date(2025, 2, 1)), ("2025-02-01", date(2025, 2, 1)),
     (datetime(2025, 2, 1), date(2025, 2, 1)), ("", None), (None, None)],
)  # fmt: skip
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2025", "2025/12/31", "amanhã", "12/2025"])
def test_parse_date_refuses(value):
    with pytest.raises(CellError, match="esperado dd/mm/aaaa"):
        parse_date(value)


@pytest.mark.parametrize(
    "value, expected",
    [("12,5", Decimal("12.5")), ("1.234,5", Decimal("1234.5")), ("12.5", Decimal("12.5")), (0.1, Decimal("0.1")),
     (3, Decimal("3")), (" 7 ", Decimal("7"))],
)  # fmt: skip
def test_parse_decimal(value, expected):
    assert parse_decimal(value, max_digits=16, decimal_places=4) == expected


def test_parse_decimal_limits():
    with pytest.raises(CellError, match="mais de 2 casas decimais"):
        parse_decimal("1,234", max_digits=6, decimal_places=2)
    with pytest.raises(CellError, match="grande demais"):
        parse_decimal("10000", max_digits=6, decimal_places=2)
    with pytest.raises(CellError, match="menor que 0"):
        parse_decimal("-1", max_digits=6, decimal_places=2, minimum=Decimal(0))


def test_parse_int():
    assert parse_int("40%", minimum=0, maximum=100, label="percentual") == 40
    assert parse_int(40.0, minimum=0, maximum=100, label="percentual") == 40
    with pytest.raises(CellError, match="percentual deve ser um número inteiro, encontrado '12,5'"):
        parse_int("12,5", minimum=0, maximum=100, label="percentual")
    with pytest.raises(CellError, match="percentual 140 fora do intervalo de 0 a 100"):
        parse_int("140", minimum=0, maximum=100, label="percentual")


def test_text_helpers():
    assert split_list(" MJSP ;MTE; ; PF ") == ["MJSP", "MTE", "PF"]
    assert long_text(" linha 1\r\nlinha 2\x0b ") == "linha 1\nlinha 2"
    assert format_decimal(Decimal("100.0000")) == "100" and format_decimal(Decimal("1.50")) == "1,5"
    assert unescape_formula(escape_formula("=1+1")) == "=1+1" and escape_formula("texto") == "texto"
    assert unescape_formula("'") == "'"
