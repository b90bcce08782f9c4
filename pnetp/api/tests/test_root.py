"""/api/v1/ lists the API (the README points there)."""

from django.urls import reverse


def test_api_root_lists_the_endpoints(client, db):
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["plans"].endswith(reverse("api:plan-list"))
    assert {"plans", "statuses", "reports", "statistics"} <= set(body)
