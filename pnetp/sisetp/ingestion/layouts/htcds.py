"""HTCDS 2.0 spreadsheets (XLSX or CSV) whose headers are HTCDS field names, as the OIM XLSForm names them.

One row per victim. The record id comes from the first id column present (``cas_CaseNumber``,
``_id``, ``_uuid``, ``meta/instanceID``); the registration date from ``cas_IncomingReferralDate``
(or the form's ``start``). Multi-select cells separate values with spaces (XLSForm) or ";".
Identifying fields (names, birth date, contacts) are not read: identities come only through the
standard's identity file, under an agreement that covers them.
"""

import re

from django.utils.translation import gettext as _

from ..validation import Bad, parse_date
from .base import Layout

ID_COLUMNS = ("cas_CaseNumber", "_id", "_uuid", "meta/instanceID")
DATE_COLUMNS = ("cas_IncomingReferralDate", "start")
# HTCDS field → (standard column, vocabulary, multiple)
FIELDS = {
    "vic_TraffickingStatus": ("situacao_trafico", "trafficking_status", False),
    "vic_TraffickingStatusDecisionMakingOrg": ("autoridade_decisao", "decision_authority", False),
    "prs_Gender": ("identidade_genero", "gender_identity", False),
    "prs_HighestLevelOfEducation": ("escolaridade", "education", False),
    "vic_RelationshipToTrafficker": ("relacao_aliciador", "relationship_to_recruiter", False),
    "vic_MethodOfRecruitment": ("formas_aliciamento", "recruitment_method", True),
    "vic_Methods_of_Control": ("meios_controle", "means_of_control", True),
    "vic_MethodsOfControl": ("meios_controle", "means_of_control", True),
    "vic_TypeOfExploitation": ("formas_exploracao", "exploitation_form", True),
    "vic_ForcedLabourIndustry": ("setores_trabalho", "labour_sector", True),
    "vic_TypeOfSexExploitation": ("tipos_exploracao_sexual", "sexual_exploitation_type", True),
}
_ITEMS = re.compile(r"[;\s]+")


class HtcdsLayout(Layout):
    name = "htcds"
    scheme = "htcds"

    def provided_columns(self, header):
        columns = {"fonte", "id_registro", "id_pessoa", "data_registro", "papel"}
        columns |= {FIELDS[name][0] for name in header if name in FIELDS}
        return sorted(columns | ({"nacionalidades"} if "prs_Citizenship" in header else set()))

    def check_header(self, header, validator) -> bool:
        self.id_column = next((name for name in ID_COLUMNS if name in header), None)
        self.date_column = next((name for name in DATE_COLUMNS if name in header), None)
        if self.id_column is None:
            self.problem(1, " ou ".join(ID_COLUMNS), "", _("coluna obrigatória ausente (identificador do caso)"))
        if self.date_column is None:
            self.problem(1, " ou ".join(DATE_COLUMNS), "", _("coluna obrigatória ausente (data do registro)"))
        self.index = {name: position for position, name in enumerate(header)}
        self.origin.update({"id_registro": self.id_column or "", "data_registro": self.date_column or ""})
        self.origin.update({target: name for name, (target, _v, _m) in FIELDS.items() if name in header})
        self.origin["nacionalidades"] = "prs_Citizenship"
        return bool(self.id_column and self.date_column)

    def _cell(self, cells, name) -> str:
        position = self.index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    def rows(self, table):
        for line, cells in table.rows:
            when = self._cell(cells, self.date_column)[:10]
            if when:
                try:
                    when = parse_date(when)
                except Bad as error:
                    self.problem(line, self.date_column, when, str(error))
                    continue
            row = {
                "fonte": self.source.slug,
                "id_registro": self._cell(cells, self.id_column),
                "id_pessoa": "1",
                "papel": "vitima",
                "data_registro": when,
                "nacionalidades": ";".join(_ITEMS.split(self._cell(cells, "prs_Citizenship"))).strip(";"),
            }
            for name, (target, vocabulary, multiple) in FIELDS.items():
                text = self._cell(cells, name)
                if not text:
                    continue
                items = [item for item in _ITEMS.split(text) if item] if multiple else [text]
                codes = [self.mapped(vocabulary, line, name, item) for item in items]
                row[target] = ";".join(dict.fromkeys(code for code in codes if code))
            yield line, row


LAYOUT = HtcdsLayout
