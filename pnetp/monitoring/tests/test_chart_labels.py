"""Chart labels wrap on two lines instead of being cut ("Eixo 1 – Estruturação da polí…"); figures in pt-BR."""

from decimal import Decimal

from pnetp.monitoring.dashboards.charts import percent_text, progress_chart, wrap

AXIS = "Eixo 1 – Estruturação da política nacional de enfrentamento"


def test_a_long_label_wraps_on_two_whole_lines():
    assert wrap(AXIS) == ("Eixo 1 – Estruturação da política", "nacional de enfrentamento")
    assert " ".join(wrap(AXIS)) == AXIS and len(wrap(AXIS)) == 2
    assert wrap("Curto") == ("Curto",)
    assert wrap("palavra " * 20)[-1].endswith("…")  # only past two lines is anything cut


def test_the_chart_draws_every_line_of_the_label():
    chart = progress_chart("c", "t", "d", [(AXIS, Decimal("12.5"))], ["Eixo", "Progresso"], [])
    [bar] = chart.parts["bars"]
    assert [line for _dy, line in bar.lines] == list(wrap(AXIS)) and bar.text == "12,5%"


def test_percentages_have_at_most_one_decimal():
    assert [percent_text(Decimal(v)) for v in ("66.666", "40", "26.25", "0.04")] == ["66,7%", "40%", "26,3%", "0%"]
    assert percent_text(None) == "—"
