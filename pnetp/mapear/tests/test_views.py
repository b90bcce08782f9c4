from io import BytesIO

import pytest

from pnetp.accounts.models import Role
from pnetp.mapear import services
from pnetp.mapear.importer import import_mapear_csv
from pnetp.mapear.models import HighwayPoint, MapearSurvey

from .conftest import SMALL_CSV, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(territory, small_csv):
    assert import_mapear_csv(small_csv, year=2023).ok
    return MapearSurvey.objects.get()


def test_counts_by_uf_and_grade_match_hand_counts(survey):
    points = services.survey_points(survey)
    rows, totals = services.counts_by_uf(points)
    # baixo, médio, alto, crítico; UFs alphabetical by name (Bahia, Rio Grande do Sul, São Paulo)
    assert [(r.uf.abbreviation, r.counts, r.total) for r in rows] == [
        ("BA", [0, 2, 0, 0], 2),
        ("RS", [0, 0, 1, 0], 1),
        ("SP", [1, 0, 0, 1], 2),
    ]
    assert (totals.counts, totals.total) == ([1, 2, 1, 1], 5)
    assert [(code, n) for code, _label, n in services.counts_by_grade(points)] == [
        ("baixo", 1), ("medio", 2), ("alto", 1), ("critico", 1)
    ]  # fmt: skip
    alcohol = dict((label, (yes, no, unknown)) for label, yes, no, unknown in services.attribute_counts(points))
    assert alcohol["Consumo de álcool"] == (3, 0, 2)


def test_overview_shows_table_map_and_legend(client, survey):
    html = client.get("/mapear/").content.decode()
    assert 'role="img"' in html and "<desc" in html
    assert html.count('<use href="#mapear-shape-') == 5
    for label in ("Baixo", "Médio", "Alto", "Crítico"):
        assert label in html
    assert "Edição 2023: 5 pontos." in html


def test_overview_without_survey(client, db):
    assert "Nenhuma edição" in client.get("/mapear/").content.decode()


def ids(response) -> set[str]:
    return {p.point_id for p in response.context["points"]}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"P1", "P2", "P3", "P4", "P5"}),
        ("uf=BA", {"P3", "P4"}),
        ("highway=BR-324", {"P3", "P4"}),
        ("grades=critico&grades=alto", {"P2", "P5"}),
        ("attributes=consumo_alcool", {"P2", "P4", "P5"}),
        ("attributes=consumo_alcool&attributes=conselho_tutelar_proximo", {"P5"}),
        ("attributes=iluminacao", {"P1", "P2"}),  # P4 is "não", P3 and P5 not observed
        ("uf=SP&grades=baixo", {"P1"}),
    ],
)
def test_list_filters(client, survey, query, expected):
    assert ids(client.get("/mapear/pontos/?" + query)) == expected


def test_list_paginates_and_detail(client, survey, monkeypatch):
    monkeypatch.setattr("pnetp.mapear.views.PAGE_SIZE", 2)
    response = client.get("/mapear/pontos/?page=3")
    assert len(ids(response)) == 1 and "Página 3 de 3" in response.content.decode()
    point = HighwayPoint.objects.get(point_id="P1")
    html = client.get(f"/mapear/pontos/{point.pk}/").content.decode()
    assert "BR-116, km 412,5" in html and "Não observado" in html and "Perto do pedágio" in html
    assert client.get("/mapear/pontos/999999/").status_code == 404


def test_survey_choice(client, survey, small_csv):
    import_mapear_csv(small_csv.parent / small_csv.name, year=2024)
    assert client.get("/mapear/pontos/").context["survey"].year == 2024
    assert client.get("/mapear/pontos/?edicao=2023").context["survey"].year == 2023
    assert client.get("/mapear/?edicao=2023").context["survey"].year == 2023


@pytest.mark.parametrize(
    "role, status",
    [(None, 302), (Role.COORDINATION, 200), (Role.COMMITTEE_MEMBER, 403), (Role.ANALYST, 403), ("", 403)],
)
def test_import_page_permissions(client, db, role, status):
    if role is not None:
        client.force_login(make_user("someone", role))
    response = client.get("/mapear/importar/")
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith("/conta/entrar/")


def test_focal_point_cannot_import(client, db):
    from pnetp.institutions.models import Institution

    institution = Institution.objects.create(acronym="PRF", name="Polícia Rodoviária Federal", kind="federal")
    client.force_login(make_user("fp", Role.FOCAL_POINT, institution=institution))
    assert client.get("/mapear/importar/").status_code == 403


def test_import_page_imports_and_lists_errors(client, territory):
    coordination = make_user("coord", Role.COORDINATION)
    client.force_login(coordination)
    upload = BytesIO(SMALL_CSV.encode())
    upload.name = "pontos.csv"
    html = client.post("/mapear/importar/", {"file": upload, "year": 2023}).content.decode()
    assert "Importação concluída." in html and "5 criados" in html
    assert HighwayPoint.objects.get(point_id="P1").history.get().history_user == coordination
    bad = BytesIO(SMALL_CSV.replace("Crítico", "gravíssimo").encode())
    bad.name = "pontos.csv"
    html = client.post("/mapear/importar/", {"file": bad, "year": 2024}).content.decode()
    assert "pontos.csv, linha 3, coluna grau_risco: grau de risco “gravíssimo” desconhecido" in html
    assert not MapearSurvey.objects.filter(year=2024).exists()
