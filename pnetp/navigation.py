"""The main menu: every page a user may open, grouped, and nothing they may not.

Built per request by the ``menu`` context processor from the same permission functions the views check
(``accounts.permissions`` and each app's ``permissions``/``access``), so a link shows only when its page
would open. The template ``core/partials/menu.html`` renders ``MENU``.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import can_access_admin, can_manage_institutions, has_role, is_coordination
from pnetp.mapear.permissions import can_import_mapear
from pnetp.monitoring.dashboards.data import can_view_dashboard
from pnetp.network.participant_permissions import can_manage_any_participants
from pnetp.network.permissions import can_follow_decisions, can_manage_any_committee
from pnetp.referrals.selectors import pending_count as referrals_pending
from pnetp.sisetp.permissions import importable_sources
from pnetp.linkage.access import can_review_linkage
from pnetp.territory.permissions import can_edit_vulnerability_weights


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    icon: str
    section: str = ""  # a path prefix under which the item is "current"; "" → only its own URL

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass
class Group:
    title: str
    items: list[Item] = field(default_factory=list)


def _public() -> Group:
    return Group(
        _("O plano e os dados"),
        [
            Item(_("Início"), "plans:home", "fas fa-home"),
            Item(_("O Plano"), "plans:plan_list", "fas fa-book-open", "/plano/"),
            Item(_("Instituições"), "institutions:list", "fas fa-landmark", "/instituicoes/"),
            Item(
                _("Planos estaduais e municipais"),
                "plans:alignment_coverage",
                "fas fa-project-diagram",
                "/alinhamento/",
            ),
            Item(_("Transparência e dados abertos"), "portal:index", "fas fa-chart-bar", "/transparencia/"),
            Item(_("Territórios"), "territory:uf_list", "fas fa-map-marked-alt", "/territorio/"),
            Item(_("Rede de enfrentamento"), "network:directory", "fas fa-hands-helping", "/rede/"),
            Item(_("Onde denunciar"), "network:report_channels", "fas fa-bullhorn", "/rede/onde-denunciar/"),
            Item(_("Fluxos de atendimento"), "referrals:flows", "fas fa-route", "/atendimento/fluxos/"),
            Item(_("Projeto Mapear"), "mapear:overview", "fas fa-road", "/mapear/pontos/"),
            Item(_("SISETP: estatísticas"), "statistics:statistics", "fas fa-chart-pie", "/sisetp/estatisticas/"),
            Item(_("SISETP: dicionário de dados"), "sisetp:dictionary", "fas fa-database", "/sisetp/dicionario/"),
        ],
    )


def _mine(user) -> Group:
    items = [
        Item(_("Meu painel"), "workspace:dashboard", "fas fa-clipboard-list"),
        Item(_("Notificações"), "notifications:inbox", "fas fa-bell", "/notificacoes/"),
    ]
    if has_role(user, Role.FOCAL_POINT):
        items.append(Item(_("Minhas atividades"), "monitoring_web:my_activities", "fas fa-tasks", "/monitoramento/"))
    if can_manage_any_participants(user):
        items.append(
            Item(
                _("Participantes das capacitações"),
                "network:participants_manage",
                "fas fa-user-graduate",
                "/rede/capacitacoes/participantes/",
            )
        )
    if has_role(user, Role.NETWORK_PROFESSIONAL):
        pending = referrals_pending(user)
        label = ngettext(
            "Atendimento e encaminhamentos (%(n)s pendente)", "Atendimento e encaminhamentos (%(n)s pendentes)", pending
        ) % {"n": pending}
        items.append(Item(label, "referrals:inbox", "fas fa-hands-helping", "/atendimento/"))
    if can_manage_any_committee(user):
        items.append(Item(_("Gestão de comitês"), "network:committee_manage", "fas fa-users", "/rede/comites/gestao/"))
    if can_follow_decisions(user) or is_coordination(user):
        items.append(
            Item(_("Deliberações a cumprir"), "network:my_decisions", "fas fa-gavel", "/rede/comites/deliberacoes/")
        )
    return Group(_("Meu trabalho"), items)


def _monitoring(user) -> Group:
    items = []
    if can_view_dashboard(user):
        items.append(Item(_("Painel de monitoramento"), "dashboards:index", "fas fa-tachometer-alt", "/painel/"))
    if is_coordination(user):
        items += [
            Item(_("Análise de relatórios"), "monitoring_web:review_queue", "fas fa-clipboard-check"),
            Item(
                _("Ciclos de monitoramento"), "monitoring_web:cycles", "fas fa-calendar-alt", "/monitoramento/ciclos/"
            ),
            Item(_("Responsáveis e indicadores"), "monitoring_web:activities", "fas fa-sitemap"),
            Item(
                _("Situações das atividades"), "monitoring_web:statuses", "fas fa-list-ul", "/monitoramento/situacoes/"
            ),
            Item(_("Indicadores de encaminhamento"), "referrals:coordination", "fas fa-chart-line"),
        ]
    return Group(_("Monitoramento"), items)


def _data(user) -> Group:
    items = []
    if importable_sources(user):
        items += [
            Item(_("SISETP: importar arquivo"), "sisetp:import", "fas fa-file-upload", "/sisetp/importar/tarefa/"),
            Item(
                _("SISETP: lotes importados"), "sisetp:import-batches", "fas fa-layer-group", "/sisetp/importar/lotes/"
            ),
        ]
    if is_coordination(user):
        items.append(Item(_("SISETP: fontes de dados"), "sisetp:sources", "fas fa-plug", "/sisetp/fontes/"))
    if can_review_linkage(user):
        items += [
            Item(
                _("SISETP: revisão de pessoas únicas"),
                "linkage:review",
                "fas fa-user-friends",
                "/sisetp/pessoas/revisao/",
            ),
            Item(_("SISETP: ligações de registros"), "linkage:runs", "fas fa-link", "/sisetp/pessoas/ligacoes/"),
        ]
    if can_edit_vulnerability_weights(user):
        items.append(
            Item(_("Pesos do índice de vulnerabilidade"), "statistics:vulnerability-weights", "fas fa-balance-scale")
        )
    if can_import_mapear(user):
        items.append(Item(_("Projeto Mapear: importar"), "mapear:import", "fas fa-file-import"))
    return Group(_("Dados"), items)


def _administration(user) -> Group:
    items = []
    if can_manage_institutions(user):
        items += [
            Item(_("Cadastrar instituição"), "institutions:create", "fas fa-plus"),
            Item(_("Importar instituições"), "institutions:import", "fas fa-file-csv"),
        ]
    if is_coordination(user):
        items += [
            Item(_("Usuários"), "accounts:users", "fas fa-users-cog", "/conta/usuarios/"),
            Item(_("Canais de denúncia"), "network:channel_admin", "fas fa-bullhorn", "/rede/onde-denunciar/canais/"),
            Item(_("Acessos a identidades"), "sisetp:grants", "fas fa-user-shield", "/sisetp/autorizacoes/"),
        ]
    if can_access_admin(user):
        items.append(Item(_("Administração"), "admin:index", "fas fa-cogs", "/admin/"))
    return Group(_("Administração"), items)


def _help() -> Group:
    return Group(
        _("Ajuda"),
        [
            Item(_("API de dados"), "api:docs", "fas fa-code", "/api/"),
            Item(_("Acessibilidade"), "core:accessibility", "fas fa-universal-access"),
            Item(_("Busca"), "plans:search", "fas fa-search"),
        ],
    )


def menu_for(user) -> list[Group]:
    """The menu's groups for ``user`` (anonymous included), empty groups left out."""
    groups = [_public()]
    if getattr(user, "is_authenticated", False):
        groups += [_mine(user), _monitoring(user), _data(user), _administration(user)]
    groups.append(_help())
    return [group for group in groups if group.items]


def menu(request):
    """Context processor: ``MENU``, the groups of ``menu_for(request.user)``."""
    return {"MENU": menu_for(getattr(request, "user", None))}
