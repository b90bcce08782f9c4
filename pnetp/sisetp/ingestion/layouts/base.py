"""What every layout does: say which standard columns it fills, check its header, translate rows."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ...standard.mapping import is_unknown_value, map_value, normalize_external
from ...standard.vocabularies import get_vocabulary
from ..issues import Report
from ..reading import Table


class Layout:
    name = ""
    scheme: str | None = None
    delimiter: str | None = None  # None: sniffed from the header
    positional = False  # True: ``cells`` gives the rows as cells in the header's order (standard columns)

    def __init__(self, source, report: Report, file_name: str, *, mapping=None):
        self.source = source
        self.report = report
        self.file_name = file_name
        self.mapping = mapping
        self.origin: dict[str, str] = {}  # standard column → file column, for messages
        self._maps: dict = {}

    def provided_columns(self, header: list[str]) -> list[str]:
        """Standard columns this file fills (checked against the data-sharing agreement)."""
        raise NotImplementedError

    def check_header(self, header: list[str], validator) -> bool:
        raise NotImplementedError

    def rows(self, table: Table) -> Iterator[tuple[int, dict]]:
        raise NotImplementedError

    def cells(self, table: Table) -> Iterator[tuple[int, list[str]]]:
        """A ``positional`` layout's rows as they are, each as wide as the header."""
        raise NotImplementedError

    # -- helpers for the external schemes ------------------------------------------------------------
    def problem(self, line, column, value, message) -> None:
        self.report.add(self.file_name, line, column, value, message)

    def missing_columns(self, header, required) -> bool:
        missing = [name for name in required if name not in header]
        for name in missing:
            self.problem(1, name, "", _("coluna obrigatória ausente"))
        return not missing

    def mapped(self, vocabulary: str, line: int, column: str, value: str):
        """The standard code of an external value (None if unknown or only broadly matched)."""
        cache = self._maps.setdefault((vocabulary, column), {})
        if value in cache:
            code = cache[value]
        else:
            code = map_value(vocabulary, self.scheme, value)
            if code is None and not is_unknown_value(self.scheme, value) and not self._known(vocabulary, value):
                code = _Unmapped
            cache[value] = code
        if code is _Unmapped:
            self.problem(
                line,
                column,
                value,
                _("valor desconhecido no esquema %(scheme)s para o vocabulário %(vocabulary)s")
                % {"scheme": self.scheme, "vocabulary": vocabulary},
            )
            return None
        return code

    def _known(self, vocabulary, value) -> bool:
        key = normalize_external(value)
        return any(
            normalize_external(match.value) == key
            for item in get_vocabulary(vocabulary).entries
            for match in item.matches(self.scheme)
        )


class _Unmapped:
    """Marker: a value the scheme does not have at all (a broader match maps to NULL instead)."""
