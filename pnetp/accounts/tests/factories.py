"""Test data shared by the accounts and institutions tests."""

from pnetp.accounts.models import Role, User
from pnetp.accounts.services import assign_role
from pnetp.institutions.models import Institution

PASSWORD = "senha-de-teste-123"
ROLES = ["anonymous", Role.COORDINATION, Role.FOCAL_POINT, Role.COMMITTEE_MEMBER, Role.ANALYST]


def make_institution(
    acronym: str = "MJSP", name: str = "Ministério da Justiça e Segurança Pública", **fields
) -> Institution:
    fields.setdefault("kind", Institution.Kind.FEDERAL)
    return Institution.objects.create(acronym=acronym, name=name, **fields)


def make_user(role: str, username: str | None = None, institution: Institution | None = None) -> User:
    user = User.objects.create_user(username=username or role, password=PASSWORD)
    if role == Role.FOCAL_POINT and institution is None:
        institution = Institution.objects.filter(acronym="MJSP").first() or make_institution()
    return assign_role(user, role, institution)
