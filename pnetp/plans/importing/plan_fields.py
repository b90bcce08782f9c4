"""Which values the Plan row gets, from options, the document and the plan already stored.

On an existing plan only what the document or an explicit option says is changed, so a title
edited in the admin survives a re-import that does not mention it.
"""

import re

from django.core.validators import validate_slug
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Plan
from .errors import PlanImportError
from .options import ImportOptions
from .structure import ParsedDocument

NATIONAL_SLUG = "iv-pnetp"
NATIONAL_TITLE = "IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas"
NATIONAL_SHORT_TITLE = "IV PNETP"
UFS = set("AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split())
_IBGE_MUNICIPALITY = re.compile(r"^\d{7}$")


def resolve_slug(options: ImportOptions) -> str:
    if options.slug:
        try:
            validate_slug(options.slug)
        except ValidationError:
            raise PlanImportError(
                _("identificador “%(slug)s” inválido (esperado letras, números, hífens ou sublinhados)")
                % {"slug": options.slug}
            ) from None
        return options.slug
    if options.kind in (None, Plan.Kind.NATIONAL):
        return NATIONAL_SLUG
    raise PlanImportError(_("informe --slug para planos estaduais e municipais"))


def _years(document: ParsedDocument, options: ImportOptions, existing: Plan | None) -> dict:
    from_document = (document.start_year, document.end_year)
    from_options = (options.start_year, options.end_year)
    if None not in from_document:
        # The document is authoritative; options only fill in what it does not say.
        for given, stated in zip(from_options, from_document, strict=True):
            if given is not None and given != stated:
                raise PlanImportError(
                    _(
                        "%(name)s: o documento indica o período de %(start)d a %(end)d, "
                        "diferente do informado nas opções"
                    )
                    % {"name": document.source_name, "start": from_document[0], "end": from_document[1]}
                )
        start, end = from_document
    else:
        start = options.start_year or (existing.start_year if existing else None)
        end = options.end_year or (existing.end_year if existing else None)
    if start is None or end is None:
        raise PlanImportError(
            _("%(name)s: o documento não indica o período; informe --start-year e --end-year")
            % {"name": document.source_name}
        )
    if end < start:
        raise PlanImportError(
            _("o ano final (%(end)d) é anterior ao ano inicial (%(start)d)") % {"start": start, "end": end}
        )
    return {"start_year": start, "end_year": end}


def _territory(kind: str, options: ImportOptions, existing: Plan | None) -> str:
    territory = (options.territory or "").strip().upper()
    if not territory:
        if existing and existing.kind == kind:
            return existing.territory
        if kind == Plan.Kind.NATIONAL:
            return "BR"
        raise PlanImportError(_("informe --territory (UF ou código IBGE do município)"))
    valid = {
        Plan.Kind.NATIONAL: territory == "BR",
        Plan.Kind.STATE: territory in UFS,
        Plan.Kind.MUNICIPAL: bool(_IBGE_MUNICIPALITY.match(territory)),
    }[kind]
    if not valid:
        expected = {
            Plan.Kind.NATIONAL: _("BR"),
            Plan.Kind.STATE: _("a sigla de uma UF, como SP"),
            Plan.Kind.MUNICIPAL: _("o código IBGE do município, com 7 dígitos"),
        }[kind]
        raise PlanImportError(
            _("território “%(territory)s” inválido para um plano %(kind)s (esperado %(expected)s)")
            % {"territory": territory, "kind": Plan.Kind(kind).label.lower(), "expected": expected}
        )
    return territory


def _parent(slug: str, options: ImportOptions, existing: Plan | None) -> Plan | None:
    if not options.parent:
        return existing.parent if existing else None
    if options.parent == slug:
        raise PlanImportError(_("um plano não pode se alinhar a si mesmo (--parent %(slug)s)") % {"slug": slug})
    parent = Plan.objects.filter(slug=options.parent).first()
    if parent is None:
        raise PlanImportError(_("plano de referência “%(slug)s” não encontrado") % {"slug": options.parent})
    return parent


def _text(value: str, limit: int, label: str) -> str:
    if len(value) > limit:
        raise PlanImportError(
            _("%(label)s com %(length)d caracteres (máximo %(limit)d)")
            % {"label": label, "length": len(value), "limit": limit}
        )
    return value


def resolve_plan_fields(slug: str, document: ParsedDocument, options: ImportOptions, existing: Plan | None) -> dict:
    """Every editable Plan field, complete, so the caller can compare it with the stored row."""
    if options.kind and options.kind not in Plan.Kind.values:
        raise PlanImportError(_("abrangência “%(kind)s” inválida") % {"kind": options.kind})
    kind = options.kind or (existing.kind if existing else Plan.Kind.NATIONAL)
    if options.title:
        title = options.title
    elif existing:
        title = existing.title
    elif kind == Plan.Kind.NATIONAL:
        title = NATIONAL_TITLE
    else:
        raise PlanImportError(_("informe --title para planos estaduais e municipais"))
    if options.short_title is not None:
        short_title = options.short_title
    elif existing:
        short_title = existing.short_title
    else:
        short_title = NATIONAL_SHORT_TITLE if title == NATIONAL_TITLE else ""
    if options.publish:
        status = Plan.Status.PUBLISHED
    else:
        status = existing.status if existing else Plan.Status.DRAFT
    return {
        "title": _text(title.strip(), Plan._meta.get_field("title").max_length, _("título do plano")),
        "short_title": _text(short_title.strip(), Plan._meta.get_field("short_title").max_length, _("título curto")),
        "description": document.intro or (existing.description if existing else ""),
        "kind": kind,
        "territory": _territory(kind, options, existing),
        "parent": _parent(slug, options, existing),
        "status": status,
        **_years(document, options, existing),
    }
