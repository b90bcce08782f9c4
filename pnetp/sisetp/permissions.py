"""Who may see what in the SISETP, as plain functions (like ``pnetp.accounts.permissions``).

Identities (name, CPF, birth date, mother's name, contacts) are readable by nobody by role alone —
not even the national coordination. Reading one needs an ``IdentityAccessGrant`` in force that covers
the person's data source, requested by one coordination member and approved by a second one for a user
of the institution that holds the data (a worker of its service network), and a strongly authenticated
session (gov.br prata/ouro or a second factor, ``pnetp.accounts.assurance``). Analysts never read
identities, grant or not: analysis and statistics work on pseudonymous persons only. Every decision is
logged by ``services.identity``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from pnetp.accounts.assurance import is_strongly_authenticated, strong_authentication_refusal
from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role, is_coordination


@dataclass(frozen=True)
class Decision:
    granted: bool
    reason: str
    grant: object = None

    def __bool__(self) -> bool:
        return self.granted


def identity_access(user, person) -> Decision:
    """May ``user`` read or write the identity of ``person`` (a CasePerson)? With the reason, for the log."""
    from .models import IdentityAccessGrant

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Decision(False, str(_("Visitante não autenticado.")))
    if user.role == Role.ANALYST:
        return Decision(False, str(_("Analistas de dados só acessam pessoas pseudonimizadas.")))
    if not is_strongly_authenticated(user):
        return Decision(False, strong_authentication_refusal())
    source = person.case.source
    grants = IdentityAccessGrant.objects.filter(
        user=user, status=IdentityAccessGrant.Status.APPROVED, revoked_at__isnull=True
    ).select_related("source")
    for grant in grants:
        if grant.is_active() and grant.covers(source) and user.institution_id == source.institution_id:
            return Decision(True, str(_("Autorização nº %(id)s.")) % {"id": grant.pk}, grant)
    return Decision(False, str(_("Sem autorização vigente para as identidades desta fonte.")))


def holds_identity_grant(user) -> bool:
    """An approved grant in force, whatever the strength of this session's sign-in."""
    from django.utils import timezone

    from .models import IdentityAccessGrant

    if not getattr(user, "is_authenticated", False):
        return False
    return IdentityAccessGrant.objects.filter(
        user=user,
        status=IdentityAccessGrant.Status.APPROVED,
        revoked_at__isnull=True,
        valid_until__gte=timezone.localdate(),
    ).exists()


def can_read_identity(user, person) -> bool:
    return identity_access(user, person).granted


def can_manage_identity_grants(user) -> bool:
    """See the grants and their requests; requesting and deciding also need ``can_decide_identity_grants``."""
    return is_coordination(user)


def can_decide_identity_grants(user) -> bool:
    """Request, approve, refuse or revoke a grant: the coordination, strongly authenticated."""
    return is_coordination(user) and is_strongly_authenticated(user)


def can_view_identity_access_log(user) -> bool:
    # The coordination oversees who read what; the log holds pseudonyms only, never identities.
    return is_coordination(user)


def can_view_case_data(user) -> bool:
    """Pseudonymous case records (no identity): the coordination, committee members and analysts."""
    return has_role(user, Role.COORDINATION, Role.COMMITTEE_MEMBER, Role.ANALYST)


def can_import_source(user, source) -> bool:
    """Send a data source's files: the coordination, or focal points of the institution holding the source."""
    if is_coordination(user):
        return True
    return has_role(user, Role.FOCAL_POINT) and source is not None and user.institution_id == source.institution_id


def importable_sources(user) -> list:
    """The data sources whose files ``user`` may send, by name."""
    from .models import DataSource

    sources = DataSource.objects.select_related("institution").order_by("name")
    return [source for source in sources if can_import_source(user, source)]


def require_importer(user) -> list:
    """The import pages: someone who may send at least one source's files (returns those sources)."""
    sources = importable_sources(user)
    if not sources:
        raise PermissionDenied(_("Você não envia arquivos de nenhuma fonte de dados."))
    return sources


def access_import_job(user, pk):
    """An import job, for the one who sent it (or the coordination) while they may still send its source."""
    from .models import ImportJob

    job = get_object_or_404(ImportJob.objects.select_related("source", "batch"), pk=pk)
    own = job.user_id == user.pk or is_coordination(user)
    if not (own and can_import_source(user, job.source)):
        raise PermissionDenied(_("Esta importação não é sua."))
    return job


def access_batch(user, pk):
    """An imported batch, for whoever may send its source's files."""
    from .models import ImportBatch

    batch = get_object_or_404(ImportBatch.objects.select_related("source", "user"), pk=pk)
    if not can_import_source(user, batch.source):
        raise PermissionDenied(_("Você não envia arquivos desta fonte de dados."))
    return batch
