"""The three national flows as versioned data, adapted by a UF as a copy, drawn as an accessible SVG."""

import pytest
from django.core.exceptions import PermissionDenied

from pnetp.referrals.diagram import flow_svg
from pnetp.referrals.models import FlowTemplate
from pnetp.referrals.selectors import current_flow, flow_units
from pnetp.referrals.services.flows import adapt_flow
from pnetp.territory.models import FederativeUnit


def test_three_national_flows_shipped(db):
    slugs = set(FlowTemplate.objects.filter(parent__isnull=True).values_list("slug", flat=True))
    assert slugs == {"trafico-de-pessoas", "trabalho-escravo", "brasileiros-no-exterior"}
    slave = current_flow("trabalho-escravo")
    names = [s.name for s in slave.stages.all()]
    assert names[0] == "Denúncia e planejamento" and "Seguro-desemprego do trabalhador resgatado" in names
    assert "7.998/1990" in slave.legal_basis and "3.484/2021" in slave.legal_basis
    abroad = [s.name for s in current_flow("brasileiros-no-exterior").stages.all()]
    assert abroad[0] == "Posto consular" and abroad[-1] == "NETP da UF de destino"


def test_units_per_uf_come_from_the_directory(world):
    rows = flow_units(current_flow("trafico-de-pessoas"), "SP")
    network = next(r for r in rows if r.stage.name == "Encaminhamentos à rede")
    assert network.units_by_uf == {"SP": ["CRAS Campinas", "CREAS Sé"]}
    assert "RJ" in next(r for r in flow_units(current_flow("trafico-de-pessoas")) if r.stage.order == 3).units_by_uf


def test_a_uf_adapts_a_flow_as_a_copy(world):
    national = current_flow("trafico-de-pessoas")
    sp = FederativeUnit.objects.get(abbreviation="SP")
    with pytest.raises(PermissionDenied):
        adapt_flow(world.users["creas"], national, federative_unit=sp)
    with pytest.raises(PermissionDenied):
        adapt_flow(world.users["rj"], national, federative_unit=sp)
    local = adapt_flow(world.users["netp"], national, federative_unit=sp)
    assert (local.parent, local.slug, local.version) == (national, "trafico-de-pessoas-sp", 1)
    assert local.stages.count() == national.stages.count()
    assert adapt_flow(world.users["coord"], national, federative_unit=sp).version == 2
    assert current_flow("trafico-de-pessoas") == national  # the public page keeps the national version


def test_svg_is_accessible_and_escaped(db):
    stages = list(current_flow("trabalho-escravo").stages.all())
    svg = str(flow_svg(stages))
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "1. Denúncia e planejamento" in svg
    stages[0].name = "<script>x</script>"
    assert "<script>" not in str(flow_svg(stages))


def test_atendimento_shows_a_late_stage(world):
    from datetime import timedelta

    from django.utils import timezone

    from pnetp.referrals.models import Atendimento

    from .conftest import open_case

    atendimento = open_case(world, flow=current_flow("trafico-de-pessoas"))
    assert atendimento.stage.order == 1 and not atendimento.stage_late
    Atendimento.objects.filter(pk=atendimento.pk).update(stage_since=timezone.now() - timedelta(days=2))
    assert Atendimento.objects.get(pk=atendimento.pk).stage_late  # identification: 1 day
