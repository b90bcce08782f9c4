"""The inbox (/notificacoes/): list, open (marks read), mark all read, e-mail preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors
from .forms import PreferenceForm
from .services import notify as services


@login_required
def inbox(request):
    unread_only = request.GET.get("filtro") == "nao-lidas"
    page = Paginator(selectors.inbox(request.user, unread_only=unread_only), 25).get_page(request.GET.get("pagina"))
    context = {"page": page, "unread_only": unread_only, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/inbox.html", context)


@login_required
@require_POST
def open_notification(request, pk: int):
    notification = selectors.access_notification(request.user, pk)
    services.mark_read(request.user, notification)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "notifications:inbox"
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("Todas as notificações foram marcadas como lidas."))
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    form = PreferenceForm(request.POST or None, initial={"delivery": services.delivery_of(request.user)})
    if request.method == "POST" and form.is_valid():
        services.set_delivery(request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Preferência de e-mail salva."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
