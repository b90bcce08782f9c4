"""The demo's training participants (aggregate counts, one named list with certificates) and the indicators of
1.4.1 filled from the registries."""

from io import StringIO

import pytest

from pnetp.accounts.demo import load as load_accounts
from pnetp.institutions.demo import load as load_institutions
from pnetp.monitoring.models import Indicator, MonitoringCycle
from pnetp.monitoring.registry_sources import fill_for
from pnetp.monitoring.tests.conftest import make_plan
from pnetp.network import demo
from pnetp.network.models import Participant, Training
from pnetp.network.participant_selectors import public_participants
from pnetp.plans.models import Activity

pytestmark = pytest.mark.django_db


def test_demo_participants_and_mapped_indicators(territory, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan, _axes, actions, _activities = make_plan()
    Activity.objects.create(
        plan=plan, action=actions["1.1"], code="1.4.1", description="Programa de capacitação", position=99
    )
    out = StringIO()
    load_institutions(out)
    load_accounts(out)
    demo.load(out)
    demo.load(out)  # idempotent
    trainings = {t.title[-1]: t for t in Training.objects.filter(title__contains="turma")}
    assert [trainings[n].participants for n in "123"] == [230, 45, 60]
    second = public_participants(trainings["2"])
    assert second.total == 45 and {"RR": "1 a 10"}.items() <= dict(second.tables[2].rows).items()
    named = Participant.objects.filter(training=trainings["2"])
    assert named.count() == 5 and named.filter(certificate_code__isnull=False).count() == 4
    indicators = Indicator.objects.filter(activity__code="1.4.1").exclude(registry_source="")
    assert sorted(indicators.values_list("registry_source", flat=True)) == ["network.participants", "network.trainings"]
    year = trainings["1"].start_date.year
    cycle = MonitoringCycle.objects.create(plan=plan, name="ano", period_start=f"{year}-01-01",
                                           period_end=f"{year}-12-31", reporting_deadline=f"{year + 1}-01-31")  # fmt: skip
    cycle.refresh_from_db()
    values = {i.registry_source: fill_for(i, cycle).value for i in indicators}
    assert values == {"network.trainings": 3, "network.participants": 335}
