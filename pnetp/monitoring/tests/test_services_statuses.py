"""save_status_option: only the coordination edits the status vocabulary, and history names who did."""

import pytest
from django.core.exceptions import PermissionDenied

from pnetp.monitoring.models import StatusOption
from pnetp.monitoring.services.statuses import save_status_option


def test_the_coordination_saves_and_history_signs(world):
    option = save_status_option(
        world.users.coord, StatusOption(slug="em-revisao", label="Em revisão", default_percent=60, order=25)
    )
    assert StatusOption.objects.get(pk=option.pk).label == "Em revisão"
    assert option.history.get().history_user == world.users.coord


@pytest.mark.parametrize("who", ["mjsp", "committee", "analyst"])
def test_anyone_else_is_refused_and_nothing_is_written(world, who):
    with pytest.raises(PermissionDenied):
        save_status_option(getattr(world.users, who), StatusOption(slug="em-revisao", label="Em revisão"))
    assert not StatusOption.objects.filter(slug="em-revisao").exists()
