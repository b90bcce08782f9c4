"""The status vocabulary of progress reports, configurable by the coordination.

Defaults come from migration 0002; the reasoning behind their percentages is documented there.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class StatusOption(models.Model):
    slug = models.SlugField(_("identificador"), max_length=40, unique=True)
    label = models.CharField(_("rótulo"), max_length=80)
    default_percent = models.PositiveSmallIntegerField(
        _("percentual padrão"),
        validators=[MaxValueValidator(100)],
        help_text=_("Usado no cálculo do progresso quando o relatório não informa o percentual."),
    )
    counts_toward_progress = models.BooleanField(
        _("conta no progresso"),
        default=True,
        help_text=_("Atividades nesta situação (por exemplo, canceladas) ficam fora do cálculo do progresso."),
    )
    is_done = models.BooleanField(
        _("atividade cumprida"),
        default=False,
        help_text=_("Atividades nesta situação não são consideradas atrasadas após o prazo final."),
    )
    order = models.PositiveSmallIntegerField(_("ordem"), default=0)
    active = models.BooleanField(_("ativa"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("situação de atividade")
        verbose_name_plural = _("situações de atividade")
        ordering = ["order", "label"]
        constraints = [
            models.CheckConstraint(condition=models.Q(default_percent__lte=100), name="status_default_percent_max_100")
        ]

    def __str__(self) -> str:
        return self.label
