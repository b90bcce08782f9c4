"""User management by the coordination, outside the admin: list, invite by e-mail, role and institution,
deactivate or reactivate (never delete), with the account's history. The rules live in ``services``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import services
from .access import policy_required
from .forms import InviteForm, RoleForm
from .models import Role, User
from .permissions import can_manage_users

PAGE_SIZE = 50


@require_safe
@policy_required(can_manage_users)
def user_list(request):
    users = User.objects.select_related("institution").order_by("username")
    role, active = request.GET.get("perfil", ""), request.GET.get("situacao", "")
    if role in Role.values:
        users = users.filter(role=role)
    if active in ("ativos", "inativos"):
        users = users.filter(is_active=active == "ativos")
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "roles": Role.choices, "role": role, "active": active}
    return render(request, "accounts/users/list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@policy_required(can_manage_users)
def user_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.invite_user(
            request.user,
            request=request,
            username=data["username"],
            email=data["email"],
            role=data["role"],
            institution=data["institution"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            cpf=data["cpf"],
        )
        messages.success(request, _("Convite enviado para %(email)s.") % {"email": user.email})
        return redirect("accounts:user", pk=user.pk)
    return render(request, "accounts/users/invite.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@policy_required(can_manage_users)
def user_page(request, pk):
    person = get_object_or_404(User.objects.select_related("institution"), pk=pk)
    form = RoleForm(request.POST or None, instance=User.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(request.user, person, form.cleaned_data["role"], form.cleaned_data["institution"])
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Perfil atualizado."))
        return redirect("accounts:user", pk=pk)
    history = person.history.select_related("history_user", "institution").order_by("-history_date")[:50]
    context = {"person": person, "form": form, "history": history, "is_self": person.pk == request.user.pk}
    return render(request, "accounts/users/detail.html", context)


@require_POST
@policy_required(can_manage_users)
def user_set_active(request, pk):
    person = get_object_or_404(User, pk=pk)
    active = request.POST.get("ativo") == "1"
    try:
        services.set_active(request.user, person, active)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Conta reativada.") if active else _("Conta desativada; as sessões dela foram encerradas.")
        )
    return redirect("accounts:user", pk=pk)
