"""Onde denunciar: the report channels, one light page for phones (no map, no script of its own), and the
coordination's pages that create, edit, deactivate and order them."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pnetp.accounts.access import policy_required

from ...models import Channel, ChannelScope
from ...permissions import can_manage_channels
from ...selectors import public_channels
from ...services.channels import channel_create, channel_move, channel_set_active, channel_update
from ..channel_forms import ChannelForm
from .form_pages import save_or_refuse


def report_channels(request):
    channels = list(public_channels())
    context = {
        "national": [c for c in channels if c.scope == ChannelScope.NATIONAL],
        "international": [c for c in channels if c.scope == ChannelScope.INTERNATIONAL],
        "can_manage": can_manage_channels(request.user),
    }
    return render(request, "network/report_channels.html", context)


@policy_required(can_manage_channels)
def channel_admin(request):
    channels = Channel.objects.select_related("institution").order_by("order", "name")
    context = {
        "national": [c for c in channels if c.scope == ChannelScope.NATIONAL],
        "international": [c for c in channels if c.scope == ChannelScope.INTERNATIONAL],
    }
    return render(request, "network/channel_admin.html", context)


@policy_required(can_manage_channels)
def channel_new(request):
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and (channel := save_or_refuse(form, lambda d: channel_create(request.user, data=d))):
        messages.success(request, _("Canal “%(name)s” cadastrado.") % {"name": channel.name})
        return redirect("network:channel_admin")
    return render(request, "network/channel_form.html", {"form": form, "channel": None})


@policy_required(can_manage_channels)
def channel_edit(request, pk: int):
    channel = get_object_or_404(Channel, pk=pk)
    form = ChannelForm(request.POST or None, instance=channel)
    save = lambda d: channel_update(request.user, channel, data=d)  # noqa: E731
    if request.method == "POST" and (saved := save_or_refuse(form, save)):
        messages.success(request, _("Canal “%(name)s” atualizado.") % {"name": saved.name})
        return redirect("network:channel_admin")
    history = channel.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "network/channel_form.html", {"form": form, "channel": channel, "history": history})


@policy_required(can_manage_channels)
def channel_action(request, pk: int):
    """POST only: ``acao`` is ``subir``, ``descer``, ``desativar`` or ``ativar``."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    channel = get_object_or_404(Channel, pk=pk)
    action = request.POST.get("acao")
    if action in ("subir", "descer"):
        channel_move(request.user, channel, up=action == "subir")
    elif action in ("desativar", "ativar"):
        channel_set_active(request.user, channel, active=action == "ativar")
        message = _("Canal “%(name)s” ativado.") if action == "ativar" else _("Canal “%(name)s” desativado.")
        messages.success(request, message % {"name": channel.name})
    return redirect("network:channel_admin")
