"""Draft plans: hidden (404) from the public, visible to the coordination and superusers."""

from django.test import TestCase

from pnetp.accounts.models import Role, User
from pnetp.core.tests.builders import build_plan, build_small_plan
from pnetp.plans.models import Plan

DRAFT_URLS = ["/plano/plano-sp/", "/plano/plano-sp/1/", "/plano/plano-sp/1.1/", "/plano/plano-sp/1.1.2/"]


class DraftVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_plan()
        build_small_plan(
            "plano-sp", Plan.Status.DRAFT, title="Plano Estadual de São Paulo", kind=Plan.Kind.STATE, territory="SP"
        )
        cls.analyst = User.objects.create_user("analista", role=Role.ANALYST)
        cls.coordination = User.objects.create_user(
            "coord", role=Role.COORDINATION, first_name="Maria", last_name="Souza"
        )
        cls.superuser = User.objects.create_superuser("admin", "admin@example.org", "x")

    def assert_drafts(self, status_code):
        for url in DRAFT_URLS:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, status_code)

    def test_anonymous_users_get_404_and_no_listing(self):
        self.assert_drafts(404)
        self.assertNotContains(self.client.get("/plano/"), "Plano Estadual de São Paulo")
        results = self.client.get("/busca/", {"q": "exemplo 1.1.2"}).context["results"]
        self.assertEqual({a.plan.slug for group in results.groups for a in group.activities}, {"iv-pnetp"})

    def test_logged_in_users_without_the_role_get_404(self):
        self.client.force_login(self.analyst)
        self.assert_drafts(404)

    def test_coordination_sees_drafts_in_pages_list_and_search(self):
        self.client.force_login(self.coordination)
        self.assert_drafts(200)
        listing = self.client.get("/plano/")
        self.assertContains(listing, "Plano Estadual de São Paulo")
        self.assertContains(listing, "Rascunho")
        results = self.client.get("/busca/", {"q": "exemplo 1.1.2"}).context["results"]
        self.assertEqual({a.plan.slug for group in results.groups for a in group.activities}, {"iv-pnetp", "plano-sp"})
        page = self.client.get("/plano/plano-sp/")
        self.assertContains(page, "Rascunho")

    def test_superusers_see_drafts(self):
        self.client.force_login(self.superuser)
        self.assert_drafts(200)

    def test_inactive_coordination_sees_no_drafts(self):
        self.coordination.is_active = False
        self.coordination.save()
        self.client.force_login(self.coordination)
        self.assert_drafts(404)

    def test_home_features_only_a_published_national_plan(self):
        self.client.force_login(self.coordination)
        self.assertEqual(self.client.get("/").context["plan"].slug, "iv-pnetp")

    def test_header_shows_name_and_post_logout_for_logged_in_users(self):
        self.client.force_login(self.coordination)
        response = self.client.get("/plano/")
        self.assertContains(response, "Maria Souza")
        self.assertContains(response, 'action="/conta/sair/"')
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertNotContains(response, ">Entrar<")

    def test_header_shows_login_link_for_anonymous_users(self):
        response = self.client.get("/plano/")
        self.assertContains(response, 'href="/conta/entrar/"')
        self.assertContains(response, "Entrar")
        self.assertNotContains(response, 'action="/conta/sair/"')
