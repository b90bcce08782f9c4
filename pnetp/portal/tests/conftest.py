import pytest

from pnetp.monitoring.tests.conftest import world  # noqa: F401  (fixture)

from pnetp.network.models import Unit, UnitKind
from pnetp.territory.models import Country

from .scenario import populate


@pytest.fixture
def public(world):  # noqa: F811
    """The world of the monitoring tests, published, with reports in every state (see scenario.py)."""
    world.extra = populate(world)
    # One unit of the network directory (open-data resource "rede_unidades"), abroad: no municipality table needed.
    portugal, _created = Country.objects.get_or_create(alpha2="PT", defaults={"alpha3": "PRT", "name": "Portugal"})
    world.unit = Unit.objects.create(
        code="CONS-LIS", name="Consulado fictício em Lisboa", kind=UnitKind.CONSULAR_POST, country=portugal,
        services=["consular", "return"], address="Rua Fictícia, 1",
    )  # fmt: skip
    return world
