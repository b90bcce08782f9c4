"""Rendering of monitoring pages with the section's navigation, which depends on the role."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnetp.monitoring.services.permissions import is_coordination

from .access import can_follow_cycles, is_focal_point


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


def nav_links(user, path: str) -> list[NavLink]:
    names = []
    if is_focal_point(user):
        names.append(("monitoring_web:my_activities", _("Minhas atividades")))
    if is_coordination(user):
        names.append(("monitoring_web:review_queue", _("Análise de relatórios")))
    if can_follow_cycles(user):
        names.append(("monitoring_web:cycles", _("Ciclos")))
    if is_coordination(user):
        names.append(("monitoring_web:activities", _("Responsabilidades")))
        names.append(("monitoring_web:statuses", _("Situações")))
    links = []
    for name, label in names:
        url = reverse(name)
        links.append(NavLink(label, url, path.startswith(url)))
    return links


def render_page(request, template: str, context: dict | None = None, status: int = 200):
    context = {"monitoring_nav": nav_links(request.user, request.path), **(context or {})}
    return render(request, template, context, status=status)
