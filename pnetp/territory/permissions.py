"""Who may change territory settings that shape public figures."""

from pnetp.accounts.permissions import is_coordination


def can_edit_vulnerability_weights(user) -> bool:
    """The weights of the vulnerability index (activity 3.5.1) are a coordination decision."""
    return is_coordination(user)
