"""Grants: list and request (coordination), one page per grant to approve, refuse or revoke it, and the
auditors' page of the identity access log. Every step goes through ``services.grants``, which logs it."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pnetp.accounts.access import policy_required

from ..models import IdentityAccessGrant, IdentityAccessLog
from ..permissions import can_decide_identity_grants, can_manage_identity_grants, can_view_identity_access_log
from ..services import grants as grant_service
from .forms import GrantFilterForm, GrantRequestForm, LogFilterForm, RefusalForm

PAGE_SIZE = 50


def _strong_or_refused(request) -> None:
    if not can_decide_identity_grants(request.user):
        messages.error(
            request,
            _("Para pedir ou decidir autorizações, confirme o segundo fator ou entre com gov.br nível prata ou ouro."),
        )


@require_safe
@policy_required(can_manage_identity_grants)
def grant_list(request):
    grants = IdentityAccessGrant.objects.select_related("user", "source", "institution", "requested_by", "granted_by")
    filters = GrantFilterForm(request.GET or None)
    if filters.is_valid() and filters.cleaned_data["status"]:
        grants = grants.filter(status=filters.cleaned_data["status"])
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "paginator": page.paginator,
        "pending": IdentityAccessGrant.objects.filter(status=IdentityAccessGrant.Status.REQUESTED).count(),
    }
    return render(request, "sisetp/audit/grant_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@policy_required(can_manage_identity_grants)
def grant_request(request):
    form = GrantRequestForm(request.POST or None, requester=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = grant_service.request_grant(
                request.user,
                grantee=data["user"],
                purpose=data["purpose"],
                valid_until=data["valid_until"],
                source=data["source"],
                institution=data["institution"],
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as invalid:
            for field, errors in invalid.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Pedido nº %(id)s registrado. Ele só vale depois da aprovação de outra pessoa da coordenação.")
                % {"id": grant.pk},
            )
            return redirect("sisetp:grant", pk=grant.pk)
    elif request.method == "GET":
        _strong_or_refused(request)
    return render(request, "sisetp/audit/grant_request.html", {"form": form})


@require_safe
@policy_required(can_manage_identity_grants)
def grant_page(request, pk):
    grant = get_object_or_404(
        IdentityAccessGrant.objects.select_related("user", "source", "institution", "requested_by", "granted_by"), pk=pk
    )
    user = request.user
    context = {
        "grant": grant,
        "log": IdentityAccessLog.objects.filter(grant=grant).order_by("-at")[:100],
        "refusal_form": RefusalForm(),
        "can_decide": can_decide_identity_grants(user) and grant.status == IdentityAccessGrant.Status.REQUESTED,
        "is_requester": grant.requested_by_id == user.pk,
        "is_grantee": grant.user_id == user.pk,
        "can_revoke": can_decide_identity_grants(user) and grant.is_active(),
    }
    return render(request, "sisetp/audit/grant.html", context)


@require_POST
@policy_required(can_manage_identity_grants)
def grant_decide(request, pk):
    grant = get_object_or_404(IdentityAccessGrant, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "aprovar":
            grant_service.approve_grant(request.user, grant)
            messages.success(request, _("Autorização aprovada: ela vale a partir de agora."))
        elif action == "recusar":
            grant_service.refuse_grant(request.user, grant, reason=request.POST.get("reason", ""))
            messages.success(request, _("Pedido recusado."))
        elif action == "revogar":
            grant_service.revoke_grant(request.user, grant)
            messages.success(request, _("Autorização revogada."))
        else:
            messages.error(request, _("Ação desconhecida."))
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    return redirect("sisetp:grant", pk=grant.pk)


def _filtered_log(form: LogFilterForm):
    entries = IdentityAccessLog.objects.select_related("grant", "batch")
    if not form.is_valid():
        return entries
    data = form.cleaned_data
    if data["username"]:
        entries = entries.filter(username__icontains=data["username"])
    if data["action"]:
        entries = entries.filter(action=data["action"])
    if data["granted"]:
        entries = entries.filter(granted=data["granted"] == "1")
    zone = timezone.get_current_timezone()
    if data["since"]:
        entries = entries.filter(at__gte=datetime.combine(data["since"], time.min, tzinfo=zone))
    if data["until"]:
        entries = entries.filter(at__lte=datetime.combine(data["until"], time.max, tzinfo=zone))
    if data["grant"]:
        entries = entries.filter(grant_id=data["grant"])
    return entries


@require_safe
@login_required
@policy_required(can_view_identity_access_log)
def access_log(request):
    """The auditors' page: every identity read and write, and every step of every grant, with filters."""
    form = LogFilterForm(request.GET or None)
    page = Paginator(_filtered_log(form).order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "paginator": page.paginator,
        "query": query.urlencode(),
    }
    return render(request, "sisetp/audit/access_log.html", context)
