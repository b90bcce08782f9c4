"""Writes to the report channels of "Onde denunciar" (4.5.1): create, edit, (de)activate and order.

Only the coordination writes (``can_manage_channels``); every change keeps its history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Channel, ChannelKind, ChannelScope
from ..permissions import can_manage_channels

EDITABLE_FIELDS = (
    "name", "kind", "contact", "link", "description", "hours", "languages", "libras", "free_of_charge", "scope",
    "institution", "responsible", "active",
)  # fmt: skip
LINK_SCHEMES = ("tel:", "mailto:", "https://", "http://")
ORDER_STEP = 10


def _require(user) -> None:
    if not can_manage_channels(user):
        raise PermissionDenied(_("Somente a coordenação edita os canais de denúncia."))


def validate_channel(channel: Channel, countries) -> None:
    """The rules a channel must meet, beyond its fields' own (messages in Portuguese)."""
    errors = {}
    link = (channel.link or "").strip()
    if link and not link.lower().startswith(LINK_SCHEMES):
        errors["link"] = _("O link deve começar com tel:, mailto: ou https://.")
    elif link and channel.kind == ChannelKind.PHONE and not link.lower().startswith("tel:"):
        errors["link"] = _("Para um telefone, use um link tel: (por exemplo, tel:100).")
    elif link and channel.kind == ChannelKind.EMAIL and not link.lower().startswith("mailto:"):
        errors["link"] = _("Para um e-mail, use um link mailto:.")
    if not channel.institution_id and not channel.responsible.strip():
        errors["responsible"] = _("Informe a instituição responsável ou o nome do responsável.")
    if channel.scope == ChannelScope.INTERNATIONAL and not list(countries or []):
        errors["countries"] = _("Um canal no exterior precisa de ao menos um país atendido.")
    if errors:
        raise ValidationError(errors)


def _write(user, channel: Channel, data: dict) -> Channel:
    for name, value in data.items():
        if name in EDITABLE_FIELDS:
            setattr(channel, name, value)
    countries = data["countries"] if "countries" in data else (channel.countries.all() if channel.pk else [])
    channel.full_clean(exclude=["link"])  # URLField refuses tel: and mailto:, checked by validate_channel
    validate_channel(channel, countries)
    channel._history_user = user
    channel.save()
    if "countries" in data:
        channel.countries.set(data["countries"])
    return channel


def channel_create(user, *, data: dict) -> Channel:
    """A new channel, placed last in the list."""
    _require(user)
    with transaction.atomic():
        last = Channel.objects.order_by("-order").values_list("order", flat=True).first() or 0
        return _write(user, Channel(order=last + ORDER_STEP), data)


def channel_update(user, channel: Channel, *, data: dict) -> Channel:
    _require(user)
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        return _write(user, locked, data)


def channel_set_active(user, channel: Channel, *, active: bool) -> Channel:
    """Deactivate (hidden from the public page and API, kept with its history) or activate again."""
    _require(user)
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        locked.active = active
        locked._history_user = user
        locked.save(update_fields=["active"])
    return locked


def channel_move(user, channel: Channel, *, up: bool) -> list[Channel]:
    """Swap the channel with its neighbour in its scope (the public page lists each scope apart) and number
    the whole list again in steps of ``ORDER_STEP``. Returns the list in its new order."""
    _require(user)
    with transaction.atomic():
        channels = list(Channel.objects.select_for_update().order_by("order", "name"))
        index = next(i for i, c in enumerate(channels) if c.pk == channel.pk)
        same_scope = [i for i, c in enumerate(channels) if c.scope == channels[index].scope]
        position = same_scope.index(index)
        target = position - 1 if up else position + 1
        if 0 <= target < len(same_scope):
            other = same_scope[target]
            channels[index], channels[other] = channels[other], channels[index]
        for number, item in enumerate(channels, start=1):
            if item.order != number * ORDER_STEP:
                item.order = number * ORDER_STEP
                item._history_user = user
                item.save(update_fields=["order"])
    return channels
