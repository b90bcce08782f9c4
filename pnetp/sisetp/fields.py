"""Model fields of the standard: coded values of a vocabulary, and encrypted identity values."""

from datetime import date

from django.core.exceptions import FieldError, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import crypto
from .standard.vocabularies import get_vocabulary


class VocabularyField(models.CharField):
    """A code of one vocabulary of the standard; NULL when unknown, never "".

    The choices come from the vocabulary itself, not from the migration, so adding a term to the
    standard needs no schema change.
    """

    def __init__(self, vocabulary: str, *args, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs["choices"] = lambda: get_vocabulary(vocabulary).choices()
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        # Explicit, because this field's defaults (NULL allowed) differ from CharField's.
        kwargs["null"], kwargs["blank"] = self.null, self.blank
        return name, path, [self.vocabulary, *args], kwargs

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value == "" else value


class Sealed:
    """An encrypted value as the ORM hands it out: the token, never the plain value.

    Templates, logs, the admin and serializers that meet it show "<cifrado>". Only
    ``pnetp.sisetp.services.identity`` calls ``reveal()``, after checking permission and logging the read.
    """

    __slots__ = ("token", "kind")

    def __init__(self, token: str, kind: str):
        self.token = token
        self.kind = kind

    def reveal(self):
        text = crypto.decrypt(self.token)
        return date.fromisoformat(text) if self.kind == "date" else text

    def __str__(self) -> str:
        return "<cifrado>"

    __repr__ = __str__

    def __eq__(self, other) -> bool:
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


class _EncryptedField(models.TextField):
    """Stores an encrypted token (``s1:``, AES-256-GCM; older ones Fernet; see ``pnetp.sisetp.crypto``);
    reads come back as ``Sealed``.

    Assign the plain value; it is encrypted on save. Tokens are randomised, so the database cannot
    compare values: only ``isnull`` lookups work. dumpdata writes the token, never the plain value.
    """

    kind = "text"

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(f"Campo cifrado {self.name!r} não pode ser filtrado por “{lookup_name}”.")
        return super().get_lookup(lookup_name)

    def to_text(self, value) -> str:
        return str(value).strip()

    def parse(self, text: str):
        return text

    def to_python(self, value):
        if value is None or isinstance(value, Sealed):
            return value
        if isinstance(value, str):
            if value.strip() == "":
                return None
            # A token of ours (loaddata) stays sealed; only a holder of the key can produce one.
            if crypto.try_decrypt(value) is not None:
                return Sealed(value, self.kind)
            return self.parse(value.strip())
        return value

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return None
        if isinstance(value, Sealed):
            return value.token
        text = self.to_text(value)
        return crypto.encrypt(text) if text else None

    def from_db_value(self, value, expression, connection):
        return None if value is None else Sealed(value, self.kind)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class EncryptedTextField(_EncryptedField):
    kind = "text"


class EncryptedDateField(_EncryptedField):
    kind = "date"

    def to_text(self, value) -> str:
        return value.isoformat()

    def parse(self, text: str):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(_("Data inválida: use AAAA-MM-DD."), code="invalid") from None
