"""Demo accounts, one per role, all with a publicly known password (see ``pnetp demo``).

Clearly fictitious people at example.org; ``pnetp demo`` refuses to create them unless DEBUG is on
or ``--force`` is given.
"""

from django.core.management.base import CommandError

from .models import Role, User
from .services import assign_role

DEMO_PASSWORD = "demo12345"

# username, role, institution sigla, first name, last name
ACCOUNTS = [
    ("coordenacao", Role.COORDINATION, None, "Coordenação", "(demonstração)"),
    ("ponto.focal", Role.FOCAL_POINT, "MJSP", "Ponto focal MJSP", "(demonstração)"),
    ("ponto.focal.mte", Role.FOCAL_POINT, "MTE", "Ponto focal MTE", "(demonstração)"),
    ("comite", Role.COMMITTEE_MEMBER, None, "Membro de comitê", "(demonstração)"),
    ("analista", Role.ANALYST, None, "Analista", "(demonstração)"),
    # Members of the NETP and of a CREAS of São Paulo (pnetp.network.demo adds the memberships).
    ("rede.netp", Role.NETWORK_PROFESSIONAL, None, "Profissional do NETP", "(demonstração)"),
    ("rede.creas", Role.NETWORK_PROFESSIONAL, None, "Profissional do CREAS", "(demonstração)"),
]


def load(stdout) -> None:
    """Create or reset the demo accounts. Needs the sample institutions (MJSP, MTE) loaded first."""
    # The user's own relation names the institutions' model: accounts does not import the institutions app.
    institutions = User._meta.get_field("institution").related_model.objects
    for username, role, acronym, first_name, last_name in ACCOUNTS:
        institution = None
        if acronym:
            institution = institutions.filter(acronym=acronym).first()
            if institution is None:
                raise CommandError(f"Instituição {acronym} ausente: carregue as instituições de demonstração antes.")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.org"},
        )
        if created or not user.check_password(DEMO_PASSWORD) or not user.is_active:
            user.set_password(DEMO_PASSWORD)
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
        wanted = (role, getattr(institution, "pk", None), role == Role.COORDINATION)
        if (user.role, user.institution_id, user.is_staff) != wanted:
            assign_role(user, role, institution)
    stdout.write(f"Contas de demonstração: {len(ACCOUNTS)}.")


def print_logins(stdout, style) -> None:
    """The table of demo logins ``pnetp demo`` prints at the end."""
    rows = [("Usuário", "Senha", "Perfil", "Instituição")]
    rows += [(username, DEMO_PASSWORD, role.label, acronym or "—") for username, role, acronym, *_ in ACCOUNTS]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    stdout.write("")
    stdout.write(style.SUCCESS("Contas de demonstração (entre em /conta/entrar/):"))
    for index, row in enumerate(rows):
        stdout.write("  ".join(str(value).ljust(width) for value, width in zip(row, widths)).rstrip())
        if index == 0:
            stdout.write("  ".join("-" * width for width in widths))
