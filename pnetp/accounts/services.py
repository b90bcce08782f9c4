"""Account rules: roles, the admin flag that follows them, and finding people by CPF.

gov.br Login Único (planned): authentication stays behind Django's auth backends. Adding it means
installing mozilla-django-oidc and appending a subclass of ``OIDCAuthenticationBackend`` to
``AUTHENTICATION_BACKENDS`` whose ``filter_users_by_claims`` returns ``users_for_cpf(claims["sub"])``
(gov.br's ``sub`` is the CPF) and whose ``create_user`` refuses to provision: roles are granted by
the coordination through ``assign_role``, never by signing in. Views and policies need no change.
"""

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from .cpf import normalize_cpf
from .models import Role, User
from .permissions import can_manage_users


def staff_flag_for(user: User) -> bool:
    """Only the coordination (and superusers) may enter the Django admin."""
    return user.is_superuser or user.role == Role.COORDINATION


def sync_staff_flag(user: User) -> bool:
    """Set ``is_staff`` from the role; returns True when it changed (the caller saves)."""
    wanted = staff_flag_for(user)
    changed = user.is_staff != wanted
    user.is_staff = wanted
    return changed


def assign_role(user: User, role: str, institution=None) -> User:
    """Give ``user`` a role (and institution) and keep the admin flag in step. Saves the user."""
    if role and role not in Role.values:
        raise ValidationError(_("Perfil desconhecido: %(role)s.") % {"role": role})
    if role == Role.FOCAL_POINT and institution is None:
        raise ValidationError(_("Um ponto focal precisa pertencer a uma instituição."))
    user.role = role
    user.institution = institution
    sync_staff_flag(user)
    user.save(update_fields=["role", "institution", "is_staff"] if user.pk else None)
    return user


def update_profile(user: User, form) -> User:
    """Save the person's own name and e-mail (a ModelForm of ``user`` already validated)."""
    return form.save()


def sign_out_everywhere(request) -> None:
    """End every session of the signed-in user, on every device, and keep this one open.

    Bumping ``session_generation`` changes the session hash Django checks on each request, so every
    other session stops being valid; this one is re-signed with the new hash.
    """
    user = request.user
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    update_session_auth_hash(request, user)


def users_for_cpf(cpf: str) -> QuerySet[User]:
    """Active accounts matching a CPF in any format (used by the future gov.br backend)."""
    digits = normalize_cpf(cpf)
    return User.objects.filter(cpf=digits, is_active=True) if digits else User.objects.none()


def _require_manager(actor) -> None:
    if not can_manage_users(actor):
        raise PermissionDenied(_("Só a coordenação nacional gerencia usuários."))


def invite_user(
    actor,
    *,
    request,
    username: str,
    email: str,
    role: str,
    institution=None,
    first_name: str = "",
    last_name: str = "",
    cpf: str | None = None,
) -> User:
    """Create an account without a password and e-mail a single-use link to create one (it expires with
    ``PASSWORD_RESET_TIMEOUT``). The role and institution are given now, by ``actor``."""
    _require_manager(actor)
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, cpf=cpf or None)
    user.set_unusable_password()
    user._history_user = actor
    user.full_clean(exclude=["password"])
    assign_role(user, role, institution)
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": request.build_absolute_uri(path), "inviter": actor}
    send_mail(
        render_to_string("accounts/email/invitation_subject.txt", context).strip(),
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [email],
    )
    return user


def change_role(actor, user: User, role: str, institution=None) -> User:
    _require_manager(actor)
    if user.pk == actor.pk:
        raise PermissionDenied(_("Ninguém muda o próprio perfil: peça a outra pessoa da coordenação."))
    user._history_user = actor
    return assign_role(user, role, institution)


def set_active(actor, user: User, active: bool) -> User:
    """Deactivate (never delete: the history and the access log keep pointing at the account) or reactivate.
    Deactivating ends every session of the account at once."""
    _require_manager(actor)
    if user.pk == actor.pk:
        raise PermissionDenied(_("Ninguém desativa a própria conta."))
    user.is_active = active
    user._history_user = actor
    if not active:
        user.session_generation += 1
    user.save(update_fields=["is_active", "session_generation"])
    return user
