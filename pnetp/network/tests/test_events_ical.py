"""The annual iCal feed of forums and events (2.7.1): parsed as RFC 5545 text (the icalendar package is not a
dependency), linked from the events page."""

from datetime import date

import pytest

from pnetp.network.models import Event

pytestmark = pytest.mark.django_db


def parse(text: str) -> list[dict]:
    """VEVENTs of an iCalendar text as {property (with parameters): value}, after checking folding and CRLF."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical)
    unfolded = "\r\n".join(physical).replace("\r\n ", "").split("\r\n")
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR" and "VERSION:2.0" in unfolded
    events, current = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def test_feed_of_the_year_parses_with_all_day_events(client):
    Event.objects.create(name="Reunião fictícia do Grupo de Trabalho sobre Tráfico de Pessoas, Viena", location="Viena, Áustria",
                         starts_on=date(2026, 10, 6), ends_on=date(2026, 10, 8), deliverables="Relatório; recomendações",
                         link="https://example.org/evento")  # fmt: skip
    Event.objects.create(name="Fórum fictício de um dia", starts_on=date(2026, 3, 20))
    Event.objects.create(name="Evento fictício de outro ano", starts_on=date(2025, 7, 30))
    response = client.get("/rede/eventos/2026.ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse(response.content.decode())
    assert [e["SUMMARY"] for e in events] == [
        "Fórum fictício de um dia",
        "Reunião fictícia do Grupo de Trabalho sobre Tráfico de Pessoas\\, Viena",
    ]
    one_day, vienna = events
    assert (one_day["DTSTART;VALUE=DATE"], one_day["DTEND;VALUE=DATE"]) == ("20260320", "20260321")
    assert (vienna["DTSTART;VALUE=DATE"], vienna["DTEND;VALUE=DATE"]) == ("20261006", "20261009")  # end exclusive
    assert vienna["LOCATION"] == "Viena\\, Áustria" and vienna["URL"] == "https://example.org/evento"
    assert vienna["DESCRIPTION"] == "Acordado: Relatório\\; recomendações"
    assert len({e["UID"] for e in events}) == 2
    assert parse(client.get("/rede/eventos/2024.ics").content.decode()) == []
    assert client.get("/rede/eventos/1999.ics").status_code == 404
    page = client.get("/rede/eventos/?ano=2026").content.decode()
    assert 'href="/rede/eventos/2026.ics"' in page
