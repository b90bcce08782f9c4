"""The import confirmation that removes persons and empties values, in Chromium: accessible at 390 px and on
desktop (axe, WCAG 2.1 AA), and confirmed by keyboard only."""

import pytest
from django.conf import settings
from django.test import Client

from pnetp.sisetp.ingestion import jobs
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import CasePerson, ImportJob

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


@pytest.mark.browser
def test_confirmation_of_removals_is_accessible_and_works_by_keyboard(live_server, transactional_db, feed, page,
                                                                      assert_accessible, tmp_path, monkeypatch):  # fmt: skip
    monkeypatch.setattr("pnetp.core.jobs.ENQUEUE_AT_ONCE", True)  # the test transaction never commits
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path / "data")
    assert run_import(feed.source, "standard", write_csv(tmp_path / "c1.csv", CASE_HEADER, case_rows(2))).ok
    rows = case_rows(2)
    del rows[1]  # R0001 loses its person 2
    rows[1][CASE_HEADER.index("raca_cor")] = ""
    path = write_csv(tmp_path / "c2.csv", CASE_HEADER, rows)
    job = ImportJob.objects.create(source=feed.source, layout="standard", user=feed.users.focal_point,
                                   file_path=str(path), file_name="c2.csv")  # fmt: skip
    jobs.run.call(job.pk, write=False)
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
    url = f"{live_server.url}/sisetp/importar/tarefa/{job.pk}/"
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        assert page.get_by_text("1 pessoa será retirada do seu caso").is_visible()
        assert page.get_by_text("raça/cor: 1 valor gravado será apagado").is_visible()
        assert_accessible(page)
        page.screenshot(path=str(tmp_path / f"confirmacao-{width}.png"), full_page=True)
    # Keyboard only: the checkbox, then the button.
    page.get_by_label("Entendi: gravar mesmo assim").focus()
    page.keyboard.press("Space")
    assert page.get_by_label("Entendi: gravar mesmo assim").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Confirmar e gravar"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    job.refresh_from_db()
    assert job.status == "concluido" and CasePerson.objects.count() == 3
