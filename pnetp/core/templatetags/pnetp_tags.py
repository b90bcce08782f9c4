"""Template helpers for the gov.br DS layout: breadcrumbs, menu items and search highlighting."""

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pnetp.core.text import find_folded

register = template.Library()

_CHEVRON = mark_safe('<i class="icon fas fa-chevron-right" aria-hidden="true"></i>')


def _resolve(url: str, args) -> str:
    # A path or full URL is used as given; anything else is a URL name ("plans:plan").
    if url.startswith(("/", "http://", "https://", "?", "#")):
        return url
    return reverse(url, args=args)


@register.simple_tag
def crumb(label, url="", *args) -> SafeString:
    """One ``br-breadcrumb`` item after "Início".

    ``{% crumb _("Planos") "plans:plan_list" %}`` links (URL name plus arguments, or a path);
    ``{% crumb plan.title %}`` without a URL marks the current page.
    """
    if url:
        return format_html('<li class="crumb">{}<a href="{}">{}</a></li>', _CHEVRON, _resolve(url, args), label)
    return format_html(
        '<li class="crumb" data-active="active">{}<span aria-current="page">{}</span></li>', _CHEVRON, label
    )


@register.simple_tag(takes_context=True)
def nav_item(context, url_name: str, label, icon: str, section: str = "") -> SafeString:
    """A ``br-menu`` link, marked current when the path is the URL (or lies under ``section``)."""
    url = reverse(url_name)
    request = context.get("request")
    path = request.path if request else ""
    current = path == url or (section and path.startswith(section))
    return format_html(
        '<a class="menu-item{}" href="{}"{}><span class="icon"><i class="{}" aria-hidden="true"></i></span>'
        '<span class="content">{}</span></a>',
        " active" if current else "",
        url,
        mark_safe(' aria-current="page"') if current else "",
        icon,
        label,
    )


@register.filter
def highlight(value, terms) -> SafeString:
    """Escapes ``value`` and wraps accent- and case-insensitive matches of the folded ``terms`` in <mark>."""
    value = str(value)
    parts, last = [], 0
    for start, end in find_folded(value, list(terms or [])):
        parts += [escape(value[last:start]), "<mark>", escape(value[start:end]), "</mark>"]
        last = end
    parts.append(escape(value[last:]))
    return mark_safe("".join(parts))


_EMPTY_OPTION = '<option value="">---------</option>'
_EMPTY_OPTION_SELECTED = '<option value="" selected>---------</option>'


@register.filter
def ds_widget(bound_field) -> SafeString:
    """The field's widget, with Django's "---------" empty choice read as "Selecione" (gov.br wording)."""
    html = str(bound_field)
    label = escape(_("Selecione"))
    html = html.replace(_EMPTY_OPTION, f'<option value="">{label}</option>')
    html = html.replace(_EMPTY_OPTION_SELECTED, f'<option value="" selected>{label}</option>')
    return mark_safe(html)


@register.filter
def num(value, decimals=None):
    """A figure for people, in pt-BR: "1.145", "3,5" (``decimals`` places); None and "" stay as they are."""
    if value is None or value == "":
        return value
    try:
        return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    except (TypeError, ValueError):
        return value
