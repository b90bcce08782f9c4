"""Who may import Mapear surveys; reading is public (the points are places, not people)."""

from pnetp.accounts.permissions import is_coordination


def can_import_mapear(user) -> bool:
    return is_coordination(user)
