"""Coordination page: create or rotate a unit's API token (the key is shown once, on the answer to the POST)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnetp.network.models import Unit

from ...services.tokens import can_manage_unit_tokens, has_unit_token, rotate_unit_token


class UnitTokenForm(forms.Form):
    unit = forms.ModelChoiceField(
        Unit.objects.filter(active=True).order_by("name"),
        label=gettext_lazy("Unidade"),
        help_text=gettext_lazy("Uma chave nova substitui a anterior, que deixa de funcionar na hora."),
    )


@login_required
def unit_token(request):
    if not can_manage_unit_tokens(request.user):
        raise PermissionDenied(_("Só a coordenação emite as chaves de API das unidades."))
    form = UnitTokenForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        context.update(unit=unit, replaced=has_unit_token(unit))
        context["key"] = rotate_unit_token(request.user, unit)
    response = render(request, "referrals/unit_token.html", context)
    response["Cache-Control"] = "no-store"  # the key must not stay in any cache
    return response
