"""Import errors that point at the file, line and column to fix."""

from django.utils.translation import gettext as _

# Past this many messages the rest are usually consequences of the first ones.
MAX_REPORTED = 20


class PlanImportError(Exception):
    """The document cannot be imported; ``messages`` lists every problem found, in order."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class Issues:
    """Collects located messages so one run reports every independent problem of a document."""

    def __init__(self, source: str):
        self.source = source
        self.messages: list[str] = []

    def locate(self, line: int | None = None, column: str | None = None) -> str:
        where = self.source
        if line is not None:
            where += _(", linha %(line)d") % {"line": line}
        if column:
            where += _(", coluna %(column)s") % {"column": column}
        return where

    def add(self, message: str, line: int | None = None, column: str | None = None) -> None:
        self.messages.append(f"{self.locate(line, column)}: {message}")

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if not self.messages:
            return
        shown = self.messages[:MAX_REPORTED]
        hidden = len(self.messages) - len(shown)
        if hidden:
            shown.append(_("… e mais %(count)d erros.") % {"count": hidden})
        raise PlanImportError(shown)
