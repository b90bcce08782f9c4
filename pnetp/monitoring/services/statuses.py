"""The status vocabulary of reports (labels, default percent, progress rules, order): coordination only."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.accounts.permissions import is_coordination
from pnetp.monitoring.models import StatusOption


@transaction.atomic
def save_status_option(user, option: StatusOption) -> StatusOption:
    """Saves a new or edited status option (validated by its form), its history signed by ``user``."""
    if not is_coordination(user):
        raise PermissionDenied(_("Só a coordenação nacional edita as situações dos relatórios."))
    option._history_user = user
    option.save()
    return option
