"""Need to know, as plain functions (the shapes of ``accounts.permissions``: can_ / require_ / access_).

- An atendimento is seen whole by the members of its owner unit;
- a unit with an active referral sees it through that referral's sharing profile only (other sections hidden);
  the identity section also needs the person's consent to share identity;
- the coordination sees aggregates, the consent overrides and access logs, never an atendimento's content;
  identities only through the SISETP grant mechanism (``referrals.identity``);
- a professional whose units are all in another UF gets a 404 (the atendimento's existence is not revealed);
  anyone else a 403.

``access_atendimento`` fetches, checks and logs the read: no view can show an atendimento without it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role, is_coordination
from pnetp.network.models import Unit, UnitMember

from .models import ACTIVE, PROFILE_SECTIONS, AccessLog, Atendimento, Purpose, Referral, Section

SENDER = "sender"
RECEIVER = "receiver"
SYSTEM = "system"


def unit_ids(user) -> set[int]:
    """Units where ``user`` works as an active network professional."""
    if not has_role(user, Role.NETWORK_PROFESSIONAL):
        return set()
    cached = getattr(user, "_referral_unit_ids", None)
    if cached is None:
        cached = set(
            UnitMember.objects.filter(user=user, active=True, unit__active=True).values_list("unit_id", flat=True)
        )
        user._referral_unit_ids = cached
    return cached


def is_member(user, unit_id) -> bool:
    return unit_id is not None and unit_id in unit_ids(user)


@dataclass(frozen=True)
class View:
    """What ``user`` may see of one atendimento, and why."""

    sections: frozenset
    owner: bool
    referral: Referral | None = None

    def shows(self, section: str) -> bool:
        return section in self.sections


def _consented(atendimento, purpose: str) -> bool:
    return atendimento.consents.filter(purpose=purpose, granted=True, withdrawn_at__isnull=True).exists()


def atendimento_view(user, atendimento: Atendimento) -> View | None:
    """The sections ``user`` may see, or None when they may see nothing."""
    if is_member(user, atendimento.owner_unit_id):
        return View(frozenset(Section.values), owner=True)
    mine = unit_ids(user)
    if not mine:
        return None
    referrals = [r for r in atendimento.referrals.filter(state__in=ACTIVE, to_unit__in=mine).order_by("pk")]
    if not referrals:
        return None
    sections = frozenset().union(*(PROFILE_SECTIONS[r.profile] for r in referrals))
    if Section.IDENTITY in sections and not _consented(atendimento, Purpose.IDENTITY):
        sections = sections - {Section.IDENTITY}
    return View(sections, owner=False, referral=referrals[-1])


def _refuse(user, atendimento: Atendimento):
    """404 for a professional of another UF only, 403 otherwise."""
    mine = unit_ids(user)
    owner_uf = atendimento.owner_unit.uf_id
    if mine and owner_uf is not None:
        ufs = {m.uf_id for m in Unit.objects.filter(pk__in=mine).select_related("municipality")}
        if owner_uf not in ufs:
            raise Http404(_("Atendimento não encontrado."))
    raise PermissionDenied(_("Você não tem acesso a este atendimento."))


def can_view_atendimento(user, atendimento: Atendimento) -> bool:
    return atendimento_view(user, atendimento) is not None


def require_atendimento_view(user, atendimento: Atendimento) -> View:
    view = atendimento_view(user, atendimento)
    if view is None:
        _refuse(user, atendimento)
    return view


def log_access(user, atendimento: Atendimento, action: str, view: View | None = None) -> None:
    authenticated = getattr(user, "is_authenticated", False)
    AccessLog.objects.create(
        atendimento=atendimento,
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        via_referral=view.referral if view else None,
        sections=sorted(view.sections) if view else [],
    )


def access_atendimento(user, pk, *, lock: bool = False, action: str = "read") -> tuple[Atendimento, View]:
    """Fetch atendimento ``pk`` for ``user``, check what they may see, log the read; 404/403 otherwise."""
    queryset = Atendimento.objects.select_related("owner_unit__municipality", "person", "flow", "stage")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    atendimento = queryset.filter(pk=pk).first()
    if atendimento is None:
        raise Http404(_("Atendimento não encontrado."))
    view = require_atendimento_view(user, atendimento)
    log_access(user, atendimento, action, view)
    return atendimento, view


def can_open_atendimento(user) -> bool:
    return bool(unit_ids(user))


def can_edit_atendimento(user, atendimento: Atendimento) -> bool:
    """Change the record, record consent, send referrals: the owner unit only."""
    return is_member(user, atendimento.owner_unit_id)


def require_edit_atendimento(user, atendimento: Atendimento) -> None:
    if not can_edit_atendimento(user, atendimento):
        require_atendimento_view(user, atendimento)  # 404 for another UF
        raise PermissionDenied(_("Só a unidade responsável pode alterar este atendimento."))


def can_view_access_log(user, atendimento: Atendimento) -> bool:
    """The owner unit and the auditors (the coordination)."""
    return is_coordination(user) or is_member(user, atendimento.owner_unit_id)


def access_atendimento_log(user, pk) -> Atendimento:
    """The atendimento whose access log ``user`` asks for: owner unit or auditors; 404/403 otherwise."""
    atendimento = Atendimento.objects.select_related("owner_unit__municipality").filter(pk=pk).first()
    if atendimento is None:
        raise Http404(_("Atendimento não encontrado."))
    if not can_view_access_log(user, atendimento):
        require_atendimento_view(user, atendimento)
        raise PermissionDenied(_("Só a unidade responsável e a auditoria veem os acessos."))
    log_access(user, atendimento, "access_log")
    return atendimento


def can_view_overrides(user) -> bool:
    return is_coordination(user)


def can_view_indicators(user) -> bool:
    return is_coordination(user)


def can_override_consent(user) -> bool:
    """Its own permission (``referrals.override_consent``), given to named professionals."""
    return has_role(user, Role.NETWORK_PROFESSIONAL, Role.COORDINATION) and user.has_perm("referrals.override_consent")


def referral_roles(user, referral: Referral) -> set[str]:
    """``sender`` (a member of the sending unit), ``receiver`` (of the destination; for a body outside the
    platform, the sender records its answer)."""
    roles = set()
    if is_member(user, referral.from_unit_id):
        roles.add(SENDER)
        if referral.is_external:
            roles.add(RECEIVER)
    if is_member(user, referral.to_unit_id):
        roles.add(RECEIVER)
    return roles


def access_referral(user, pk, *, lock: bool = False) -> Referral:
    """Fetch referral ``pk`` for its sender or receiver; 404 for another UF, 403 otherwise."""
    queryset = Referral.objects.select_related("atendimento__owner_unit__municipality", "from_unit", "to_unit")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    referral = queryset.filter(pk=pk).first()
    if referral is None:
        raise Http404(_("Encaminhamento não encontrado."))
    if not referral_roles(user, referral):
        _refuse(user, referral.atendimento)
    return referral
