"""The upload page: who may use it, the report before writing, confirmation, batches and rollback."""

import pytest
from django.urls import reverse

from pnetp.core import jobs as queue
from pnetp.notifications.models import Notification
from pnetp.sisetp.models import Case, ImportBatch, ImportJob

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(queue, "ENQUEUE_AT_ONCE", True)  # the test's transaction never commits
    settings.DATA_DIR = tmp_path / "data"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("coordination", 200), ("focal_point", 200), ("other_focal_point", 403), ("analyst", 403)],
)
def test_page_access_per_role(client, feed, role, expected):
    client.force_login(getattr(feed.users, role))
    assert client.get(reverse("sisetp:import")).status_code == expected
    assert client.get(reverse("sisetp:import-batches")).status_code == expected


def test_anonymous_is_sent_to_login(client, feed):
    assert client.get(reverse("sisetp:import")).status_code == 302


def test_focal_point_sees_only_own_sources(client, feed):
    client.force_login(feed.users.other_focal_point)
    response = client.post(reverse("sisetp:import"), {"source": feed.source.pk, "layout": "standard"})
    assert response.status_code == 403


def upload(client, feed, path):
    with path.open("rb") as stream:
        return client.post(reverse("sisetp:import"), {"source": feed.source.pk, "layout": "standard", "file": stream})


def test_report_then_confirm_then_rollback(client, feed, tmp_path):
    client.force_login(feed.users.focal_point)
    rows = case_rows(2)
    rows[2][4] = "31/02/2023"
    response = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))
    job = ImportJob.objects.get()
    assert response.url == reverse("sisetp:import-job", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert job.status == "invalido" or ImportJob.objects.get().status == "invalido"
    assert "31/02/2023" in page and "data inexistente" in page and not Case.objects.exists()

    response = upload(client, feed, write_csv(tmp_path / "casos2.csv", CASE_HEADER, case_rows(2)))
    job = ImportJob.objects.latest("pk")
    assert "Arquivo válido" in client.get(response.url).content.decode() and not Case.objects.exists()
    assert client.get(reverse("sisetp:import-job-status", args=[job.pk])).json()["status"] == "valido"
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "concluido" and Case.objects.count() == 2 and job.batch.user == feed.users.focal_point
    # Whoever sent the file is told how each step ended: invalid, validated, then imported.
    kinds = list(
        Notification.objects.filter(recipient=feed.users.focal_point).order_by("pk").values_list("kind", "url")
    )
    job_url = reverse("sisetp:import-job", args=[job.pk])
    assert [k for k, _url in kinds] == ["import_failed", "import_finished", "import_finished"]
    assert kinds[-1][1] == job_url

    page = client.get(reverse("sisetp:import-batches")).content.decode()
    assert "casos2.csv" in page and "Desfazer" in page
    # "Desfazer" asks first and says what goes: nothing is removed by opening the page.
    confirm = client.get(reverse("sisetp:import-rollback", args=[job.batch.pk])).content.decode()
    assert "casos2.csv" in confirm and "2 casos</strong> criados por este lote serão apagados" in confirm
    assert "Sim, desfazer o lote" in confirm and Case.objects.count() == 2
    client.post(reverse("sisetp:import-rollback", args=[job.batch.pk]))
    assert not Case.objects.exists() and ImportBatch.objects.get().status == "desfeito"


def test_other_users_cannot_see_a_job_or_roll_back(client, feed, tmp_path):
    client.force_login(feed.users.focal_point)
    upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1)))
    job = ImportJob.objects.get()
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    client.force_login(feed.users.other_focal_point)
    assert client.get(reverse("sisetp:import-job", args=[job.pk])).status_code == 403
    assert client.post(reverse("sisetp:import-rollback", args=[ImportBatch.objects.get().pk])).status_code == 403
    assert client.get(reverse("sisetp:import-rollback", args=[ImportBatch.objects.get().pk])).status_code == 403
    assert Case.objects.count() == 1
