"""Import errors located at file, sheet, line and column, all collected before anything is written."""

from django.utils.translation import gettext as _


class MonitoringImportError(Exception):
    """The import was refused and nothing was written; ``messages`` lists every problem found."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class Issues:
    def __init__(self):
        self.messages: list[str] = []

    def add(self, where: str, message: str, line: int | None = None, column: str | None = None) -> None:
        """``where`` is "arquivo.xlsx, aba Responsabilidades" or "responsabilidades.csv"."""
        if line is not None:
            where += _(", linha %(line)d") % {"line": line}
        if column:
            where += _(", coluna %(column)s") % {"column": column}
        self.messages.append(f"{where}: {message}")

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if self.messages:
            raise MonitoringImportError(self.messages)
