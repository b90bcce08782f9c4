"""The home page after sign-in (/conta/painel/): each role's worklist, then quick links.

Focal points: reports due with deadlines, reports returned with the reason, comments. Coordination: reports
waiting for review, expiring deadlines, imports and linkage runs in progress or failed, the unique-persons
review queue. Analysts: the review queue and their imports. Committee members: the monitoring dashboard and
approaching deadlines. Everyone: unread notifications. Links only: every target checks permissions itself.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import can_access_admin, can_manage_institutions, has_role, is_coordination
from pnetp.monitoring.dashboards.data import can_view_dashboard
from pnetp.monitoring.web import worklist as monitoring
from pnetp.notifications import selectors as notifications
from pnetp.linkage import worklist as linkage
from pnetp.linkage.access import can_review_linkage
from pnetp.sisetp.services import worklist as sisetp


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""


@dataclass
class Worklist:
    """What the page lists; empty parts are not shown."""

    notifications: list = field(default_factory=list)
    unread: int = 0
    reports_due: list = field(default_factory=list)
    returned: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    waiting_review: list = field(default_factory=list)
    waiting_review_count: int = 0
    deadlines: list = field(default_factory=list)
    imports: list = field(default_factory=list)
    linkage_runs: list = field(default_factory=list)
    pairs_to_review: int | None = None
    show_dashboard: bool = False


def build_worklist(user, today) -> Worklist:
    work = Worklist(
        notifications=list(notifications.inbox(user, unread_only=True)[:5]),
        unread=notifications.unread_count(user),
        show_dashboard=can_view_dashboard(user),
    )
    if has_role(user, Role.FOCAL_POINT) and user.institution_id:
        work.reports_due = monitoring.reports_due(user.institution_id, today)
        work.returned = list(monitoring.returned_reports(user.institution_id))
        work.comments = list(monitoring.recent_comments(user, user.institution_id, today))
        work.imports = list(sisetp.imports_to_follow(user))
    if is_coordination(user):
        queue = monitoring.waiting_review()
        work.waiting_review_count = queue.count()
        work.waiting_review = list(queue[:10])
        work.imports = list(sisetp.imports_to_follow(user))
        work.linkage_runs = list(linkage.linkage_runs_to_follow())
    if is_coordination(user) or has_role(user, Role.COMMITTEE_MEMBER):
        work.deadlines = monitoring.cycle_deadlines(today)
    if can_review_linkage(user):
        work.pairs_to_review = linkage.pairs_to_review()
    if has_role(user, Role.ANALYST):
        work.imports = list(sisetp.imports_to_follow(user))
    return work


def dashboard_links(user) -> list[Link]:
    links = []
    if can_access_admin(user):
        description = _("Planos, eixos, ações, instituições e usuários.")
        links.append(Link(_("Administração"), reverse("admin:index"), description))
    if can_manage_institutions(user):
        links.append(Link(_("Cadastrar instituição"), reverse("institutions:create")))
        links.append(Link(_("Importar instituições (CSV)"), reverse("institutions:import")))
    if has_role(user, Role.FOCAL_POINT) and user.institution_id:
        links.append(Link(_("Minha instituição"), user.institution.get_absolute_url(), str(user.institution)))
    if is_coordination(user):
        links.append(Link(_("Usuários"), reverse("accounts:users"), _("Convidar, dar perfis, desativar contas.")))
        description = _("Pedir e aprovar acessos a identidades (duas pessoas); registro de acessos para auditoria.")
        links.append(Link(_("Autorizações de acesso a identidades"), reverse("sisetp:grants"), description))
    links.append(Link(_("Meu perfil"), reverse("accounts:profile"), _("Dados, senha, sair de todos os dispositivos.")))
    links.append(
        Link(
            _("Segundo fator de autenticação"),
            reverse("accounts:second-factor"),
            _("Aplicativo autenticador e códigos de recuperação."),
        )
    )
    links.append(Link(_("Preferências de e-mail"), reverse("notifications:preferences")))
    links.append(Link(_("Instituições"), reverse("institutions:list"), _("Diretório público das instituições.")))
    links.append(Link(_("Planos"), reverse("plans:plan_list")))
    return links
