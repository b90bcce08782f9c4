"""A source's column mappings on pages: who may change them, the Portuguese refusals, history, preview."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.accounts.testing import login_verified
from pnetp.sisetp.models import SourceMapping
from pnetp.sisetp.services.mappings import (
    add_column_mapping,
    change_column_mapping,
    column_mappings,
    preview_header,
    remove_column_mapping,
)


def _columns(source):
    return {e.source_column: e.standard_column for e in column_mappings(source)}


def test_add_change_remove_with_history(world):
    coord, source = world.users.coordination, world.disque100
    add_column_mapping(coord, source, source_column=" num_caso ", standard_column="id_registro")
    add_column_mapping(coord, source, source_column="sexo_vitima", standard_column="sexo")
    assert _columns(source) == {"num_caso": "id_registro", "sexo_vitima": "sexo"}
    change_column_mapping(coord, source, "sexo_vitima", source_column="SEXO", standard_column="sexo")
    assert _columns(source) == {"num_caso": "id_registro", "SEXO": "sexo"}
    remove_column_mapping(coord, source, "num_caso")
    assert _columns(source) == {"SEXO": "sexo"}
    remove_column_mapping(coord, source, "SEXO")
    assert not SourceMapping.objects.filter(source=source).exists()  # nothing left: the mapping goes
    history = SourceMapping.history.filter(source_id=source.pk).order_by("history_id")
    assert [h.history_type for h in history] == ["+", "~", "~", "~", "-"]  # one entry per save
    assert {h.history_user for h in history} == {coord}


def test_value_tables_survive_when_the_columns_go(world):
    coord, source = world.users.coordination, world.disque100
    SourceMapping.objects.create(source=source, columns={"s": "sexo"}, values={"sexo": {"F": "feminino"}})
    remove_column_mapping(coord, source, "s")
    mapping = SourceMapping.objects.get(source=source)
    assert mapping.columns == {} and mapping.values == {"sexo": {"F": "feminino"}}


@pytest.mark.parametrize(
    "source_column, standard_column, field, message",
    [
        ("num_caso", "numero_do_caso", "standard_column", "“numero_do_caso” não é uma coluna do leiaute padrão."),
        ("outra", "fonte", "standard_column", "“fonte” não é uma coluna do leiaute padrão."),
        ("num_caso", "sexo", "source_column", "A coluna “num_caso” já está mapeada para “id_registro”."),
        ("outra", "id_registro", "standard_column", "A coluna do padrão “id_registro” já recebe a coluna “num_caso”."),
        ("  ", "sexo", "source_column", "Informe o nome da coluna na planilha da fonte."),
    ],
)
def test_refusals_in_portuguese(world, source_column, standard_column, field, message):
    coord, source = world.users.coordination, world.disque100
    add_column_mapping(coord, source, source_column="num_caso", standard_column="id_registro")
    with pytest.raises(ValidationError) as error:
        add_column_mapping(coord, source, source_column=source_column, standard_column=standard_column)
    assert error.value.message_dict[field] == [message]
    assert _columns(source) == {"num_caso": "id_registro"}


def test_renaming_onto_another_mapped_column_is_refused(world):
    coord, source = world.users.coordination, world.disque100
    add_column_mapping(coord, source, source_column="a", standard_column="id_registro")
    add_column_mapping(coord, source, source_column="b", standard_column="sexo")
    with pytest.raises(ValidationError):
        change_column_mapping(coord, source, "b", source_column="a", standard_column="sexo")
    change_column_mapping(coord, source, "b", source_column="b", standard_column="identidade_genero")  # itself: fine
    assert _columns(source) == {"a": "id_registro", "b": "identidade_genero"}


@pytest.mark.parametrize("role", ["focal_point", "committee", "analyst", "worker"])
def test_only_source_managers_change_mappings(world, role):
    user = getattr(world.users, role)
    with pytest.raises(PermissionDenied):
        add_column_mapping(user, world.disque100, source_column="a", standard_column="sexo")
    assert not SourceMapping.objects.exists()


def test_header_preview(world):
    coord, source = world.users.coordination, world.disque100
    add_column_mapping(coord, source, source_column="num_caso", standard_column="id_registro")
    add_column_mapping(coord, source, source_column="uf", standard_column="uf_exploracao")
    preview = preview_header(source, "num_caso; observacao ;sexo\nlinha 2 ignorada")
    assert [(c.position, c.source_column, c.standard_column) for c in preview.columns] == [
        (1, "num_caso", "id_registro"),
        (2, "observacao", ""),
        (3, "sexo", ""),
    ]
    assert preview.missing == ["uf"]
    assert preview_header(source, "").columns == []


def test_pages(world, client):
    source = world.disque100
    login_verified(client, world.users.coordination)
    url = f"/sisetp/fontes/{source.pk}/colunas/"
    response = client.post(url, {"source_column": "num_caso", "standard_column": "id_registro"})
    assert response.status_code == 302 and _columns(source) == {"num_caso": "id_registro"}
    response = client.post(url, {"source_column": "num_caso", "standard_column": "sexo"})
    assert response.status_code == 200
    assert "A coluna “num_caso” já está mapeada para “id_registro”." in response.content.decode()
    response = client.post(url, {"source_column": "x", "standard_column": "inexistente"})
    assert "“inexistente” não é uma coluna do leiaute padrão." in response.content.decode()

    page = client.get(url, {"header": "num_caso,extra"}).content.decode()
    assert "não mapeada (ignorada na importação)" in page and "Histórico do mapeamento" in page

    edit = f"/sisetp/fontes/{source.pk}/colunas/editar/"
    assert client.get(edit, {"coluna": "num_caso"}).status_code == 200
    assert client.get(edit, {"coluna": "nenhuma"}).status_code == 404
    client.post(edit, {"current": "num_caso", "source_column": "caso", "standard_column": "id_registro"})
    assert _columns(source) == {"caso": "id_registro"}

    delete = f"/sisetp/fontes/{source.pk}/colunas/remover/"
    assert "Remover a coluna “caso”" in client.get(delete, {"coluna": "caso"}).content.decode()
    assert client.post(delete, {"current": "caso"}).status_code == 302
    assert _columns(source) == {}


def test_pages_refuse_other_roles(world, client):
    login_verified(client, world.users.focal_point)
    url = f"/sisetp/fontes/{world.disque100.pk}/colunas/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"source_column": "a", "standard_column": "sexo"}).status_code == 403
    assert not SourceMapping.objects.exists()
