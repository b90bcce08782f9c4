from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pnetp.accounts.models import Role, User
from pnetp.accounts.services import assign_role


class Command(BaseCommand):
    help = "Atribui um perfil a um usuário (ex.: o primeiro usuário da coordenação em produção)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument(
            "--institution", metavar="SIGLA", help="sigla da instituição (obrigatória para ponto focal)"
        )

    def handle(self, *args, username, role, institution, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Usuário {username} não encontrado.") from exc
        found = None
        if institution:
            found = (
                User._meta.get_field("institution").related_model.objects.filter(acronym__iexact=institution).first()
            )
            if found is None:
                raise CommandError(f"Instituição {institution} não encontrada.")
        try:
            assign_role(user, role, found)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        suffix = f" ({found.acronym})" if found else ""
        self.stdout.write(self.style.SUCCESS(f"{username}: {Role(role).label}{suffix}"))
