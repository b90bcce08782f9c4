"""``pnetp export-plan``: a plan as JSON, CSV or XLSX, to a file or to standard output."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pnetp.plans.exporter import export_csv, export_json, export_xlsx, load_plan
from pnetp.plans.importing.plan_fields import NATIONAL_SLUG
from pnetp.plans.models import Plan


class Command(BaseCommand):
    help = _("Exporta um plano em JSON, CSV ou XLSX (CSV e XLSX podem ser importados de volta com import-plan).")

    def add_arguments(self, parser):
        parser.add_argument("--plan", help=_("identificador do plano (padrão: o único plano, ou iv-pnetp)"))
        parser.add_argument("--format", required=True, choices=["json", "csv", "xlsx"])
        parser.add_argument("--output", help=_("arquivo de saída (padrão: saída padrão; obrigatório para xlsx)"))

    def choose_slug(self, slug: str | None) -> str:
        if slug:
            return slug
        slugs = list(Plan.objects.order_by("slug").values_list("slug", flat=True))
        if len(slugs) == 1:
            return slugs[0]
        if NATIONAL_SLUG in slugs:
            return NATIONAL_SLUG
        raise CommandError(_("informe --plan (planos disponíveis: %(slugs)s)") % {"slugs": ", ".join(slugs) or "—"})

    def handle(self, *args, **options):
        fmt, output = options["format"], options["output"]
        if fmt == "xlsx" and not output:
            raise CommandError(_("o formato xlsx exige --output ARQUIVO"))
        slug = self.choose_slug(options["plan"])
        try:
            plan = load_plan(slug)
        except Plan.DoesNotExist:
            raise CommandError(_("plano “%(slug)s” não encontrado") % {"slug": slug}) from None
        if fmt == "xlsx":
            content = export_xlsx(plan)
        else:
            content = (export_json if fmt == "json" else export_csv)(plan)
        if not output:
            self.stdout.write(content, ending="")
            return
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("%(path)s: não foi possível gravar (%(reason)s)") % {"path": output, "reason": error.strerror}
            ) from None
        self.stderr.write(_("Plano %(slug)s exportado em %(path)s") % {"slug": slug, "path": output})
