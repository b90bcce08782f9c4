"""The browsable API (HTML) renders for every read endpoint, signed in or not."""

import pytest

URLS = [
    "/api/v1/plans/",
    "/api/v1/plans/teste/",
    "/api/v1/plans/teste/progress/",
    "/api/v1/plans/teste/activities/",
    "/api/v1/plans/teste/activities/1.1.1/",
    "/api/v1/statuses/",
    "/api/v1/reports/",
    "/api/v1/reports/{approved}/",
]


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "coordination"])
def test_html_pages(api_world, client_as, role):
    client = client_as(role)
    for url in URLS:
        response = client.get(url.format(approved=api_world.reports.approved.pk), HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html")
