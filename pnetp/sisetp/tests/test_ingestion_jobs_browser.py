"""The upload refusal and the job page's cancel in Chromium: accessible (axe, WCAG 2.1 AA), usable at 390 px."""

import pytest
from django.conf import settings
from django.test import Client

from pnetp.core.testing.bombs import xlsx_bomb
from pnetp.sisetp.models import ImportJob

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_bomb_refusal_and_cancel_are_accessible(
    live_server, transactional_db, feed, page, assert_accessible, monkeypatch, settings_data_dir, tmp_path, width
):  # noqa: F811
    monkeypatch.setattr("pnetp.core.jobs.ENQUEUE_AT_ONCE", True)  # the test transaction never commits
    page.set_viewport_size({"width": width, "height": 900})
    client = Client()
    client.force_login(feed.users.focal_point)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    bomb = tmp_path / "bomba.xlsx"
    bomb.write_bytes(xlsx_bomb(500_000))
    page.goto(f"{live_server.url}/sisetp/importar/")
    page.get_by_label("Fonte de dados").select_option(str(feed.source.pk))
    page.get_by_label("Arquivo de casos").set_input_files(str(bomb))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("bomba.xlsx: a parte xl/worksheets/sheet1.xml se expande").is_visible()
    assert not ImportJob.objects.exists()
    assert_accessible(page)

    page.goto(f"{live_server.url}/sisetp/importar/")
    page.get_by_label("Fonte de dados").select_option(str(feed.source.pk))
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(2))
    page.get_by_label("Arquivo de casos").set_input_files(str(cases))
    page.locator("main form button[type=submit]").first.click()
    page.get_by_role("button", name="Cancelar e apagar o arquivo").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Cancelar e apagar o arquivo").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Cancelada antes da gravação; nada foi gravado.").wait_for()
    assert ImportJob.objects.get().status == "cancelado"
    assert_accessible(page)


@pytest.fixture
def settings_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
