"""The public activity page (/plano/<plano>/<código>/) answers who is responsible, by when, how it goes."""

from pnetp.portal.tests.html import text


def test_activity_page_shows_responsibles_deadline_status_progress_and_approved_reports(client, public):
    html = client.get("/plano/teste/1.1.1/").content.decode()
    page = text(html)
    assert "Quem responde e como anda" in page
    assert "MJSP" in page and "MDHC" in page  # lead and partner
    assert "30/06/2026" in page  # the responsibility's deadline
    assert "Relatórios aprovados" in page and "RELATO PUBLICO MDHC 111" in page
    assert "Progresso" in page and "%" in page


def test_unapproved_reports_stay_off_the_activity_page(client, public):
    page = text(client.get("/plano/teste/1.2.1/").content.decode())
    assert "Nenhum relatório aprovado ainda." in page
