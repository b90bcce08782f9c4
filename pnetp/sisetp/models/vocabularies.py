"""The terms of the multi-valued vocabularies, as rows, so persons can link to several of them.

The rows mirror ``pnetp.sisetp.standard.vocabularies`` and are kept in step after every migrate
(``pnetp.sisetp.services.vocabulary.sync_terms``): edit the standard, not this table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VocabularyTerm(models.Model):
    vocabulary = models.CharField(
        _("vocabulário"),
        max_length=40,
        help_text=_("Identificador do vocabulário do padrão (por exemplo, exploitation_form)."),
    )
    code = models.CharField(_("código"), max_length=40, help_text=_("Código do termo, o valor usado nos arquivos CSV."))
    label = models.CharField(_("rótulo"), max_length=200, help_text=_("Rótulo do termo em português."))
    position = models.PositiveSmallIntegerField(_("ordem"), default=0, help_text=_("Ordem do termo no vocabulário."))
    active = models.BooleanField(
        _("vigente"), default=True, help_text=_("Falso quando o termo saiu do padrão; registros antigos o mantêm.")
    )

    class Meta:
        verbose_name = _("termo de vocabulário")
        verbose_name_plural = _("termos de vocabulário")
        ordering = ["vocabulary", "position"]
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="sisetp_unique_term_code")]

    def __str__(self) -> str:
        return self.label
