"""The network demo: ~60 units with restricted shelters, channels, CONATRAP 8 + 8, the two demo professionals."""

from io import StringIO

import pytest

from pnetp.accounts.demo import load as load_accounts
from pnetp.institutions.demo import load as load_institutions
from pnetp.network import demo
from pnetp.network.cnpj import clean_cnpj
from pnetp.network.models import Channel, Committee, Unit, UnitKind, UnitMember
from pnetp.network.selectors import public_unit_fields
from pnetp.network.services.committees import parity

pytestmark = pytest.mark.django_db


def test_demo_loads_and_is_idempotent(territory, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    load_institutions(out)
    load_accounts(out)
    demo.load(out)
    counts = (Unit.objects.count(), Channel.objects.count(), Committee.objects.count(), UnitMember.objects.count())
    demo.load(out)
    assert (
        Unit.objects.count(),
        Channel.objects.count(),
        Committee.objects.count(),
        UnitMember.objects.count(),
    ) == counts
    assert 55 <= counts[0] <= 70
    assert Unit.objects.filter(municipality__isnull=False).values("municipality__uf").distinct().count() == 27
    shelters = Unit.objects.filter(kind=UnitKind.SHELTER)
    assert shelters.count() >= 5
    assert all(public_unit_fields(s)["endereco"] is None for s in shelters)
    conatrap = Committee.objects.get(slug="conatrap")
    assert parity(conatrap).label == "paridade: 8 governo, 8 sociedade civil" and parity(conatrap).met
    assert not parity(Committee.objects.get(slug="cetrap-pa")).met
    assert conatrap.meetings.count() == 8 and conatrap.meetings.filter(minutes_status="approved").count() == 7
    assert all(m.attendance.count() == 16 for m in conatrap.meetings.all())
    assert len(parity(conatrap).ending_soon) == 1 and conatrap.selection_processes.count() == 1
    process = conatrap.selection_processes.get()
    assert process.is_closed and process.candidates.filter(seat__isnull=False).count() == 8
    assert all(clean_cnpj(c.cnpj) for c in process.candidates.all())
    netp = UnitMember.objects.get(user__username="rede.netp").unit
    creas = UnitMember.objects.get(user__username="rede.creas").unit
    assert (netp.kind, creas.kind) == (UnitKind.NETP, UnitKind.CREAS)
    assert netp.uf_id == creas.uf_id
    assert {"Disque 100 — Disque Direitos Humanos", "Ligue 180 — Central de Atendimento à Mulher", "MPT Pardal"} <= set(
        Channel.objects.values_list("name", flat=True)
    )
