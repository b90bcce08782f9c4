"""Trafficking events (HTCDS historic events): their kind and how precise their date is."""

from django.utils.translation import gettext_lazy as _

from ..terms import Vocabulary, entry

EVENT_KIND = Vocabulary(
    slug="event_kind",
    label=_("Tipo de evento"),
    description=_("Etapa do tráfico em que o evento ocorreu."),
    references={"htcds": "hte_Type"},
    entries=(
        entry("aliciamento", _("Aliciamento"), htcds="Recruitment"),
        entry("transito", _("Trânsito"), htcds="Transit"),
        entry("exploracao", _("Exploração"), htcds="Exploitation"),
    ),
)

DATE_PRECISION = Vocabulary(
    slug="date_precision",
    label=_("Precisão da data"),
    description=_("Até onde a data é conhecida; a data guardada é o primeiro dia do período."),
    entries=(
        entry("dia", _("Dia")),
        entry("mes", _("Mês")),
        entry("ano", _("Ano")),
    ),
)
