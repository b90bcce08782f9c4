"""What the "Painel" offers each role. Links only: every target checks permissions itself."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role
from .permissions import can_access_admin, can_manage_institutions, has_role, is_coordination


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""


def dashboard_links(user) -> list[Link]:
    links = []
    if can_access_admin(user):
        description = _("Planos, eixos, ações, instituições e usuários.")
        links.append(Link(_("Administração"), reverse("admin:index"), description))
    if can_manage_institutions(user):
        links.append(Link(_("Cadastrar instituição"), reverse("institutions:create")))
        links.append(Link(_("Importar instituições (CSV)"), reverse("institutions:import")))
    if has_role(user, Role.FOCAL_POINT) and user.institution_id:
        links.append(
            Link(_("Minha instituição"), user.institution.get_absolute_url(), str(user.institution))
        )
    if is_coordination(user):
        links.append(Link(_("Usuários"), reverse("accounts:users"), _("Convidar, dar perfis, desativar contas.")))
        description = _("Pedir e aprovar acessos a identidades (duas pessoas); registro de acessos para auditoria.")
        links.append(Link(_("Autorizações de acesso a identidades"), reverse("sisetp:grants"), description))
    links.append(Link(_("Meu perfil"), reverse("accounts:profile"), _("Dados, senha, sair de todos os dispositivos.")))
    links.append(Link(_("Segundo fator de autenticação"), reverse("accounts:second-factor"),
                      _("Aplicativo autenticador e códigos de recuperação.")))
    links.append(Link(_("Instituições"), reverse("institutions:list"), _("Diretório público das instituições.")))
    links.append(Link(_("Planos"), reverse("plans:plan_list")))
    return links
