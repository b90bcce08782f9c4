"""Public plan pages: content, stable URLs, breadcrumbs, 404s and query counts."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from pnetp.core.tests.builders import build_plan


class PlanPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = build_plan()

    def test_home_links_the_national_plan_with_its_counts(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "plans/home.html")
        self.assertContains(response, '<html lang="pt-BR">', html=False)
        self.assertContains(response, 'href="/plano/iv-pnetp/"')
        plan = response.context["plan"]
        self.assertEqual((plan.axis_count, plan.action_count, plan.activity_count), (5, 26, 108))
        self.assertContains(response, "ações prioritárias")

    def test_plan_list(self):
        response = self.client.get("/plano/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas")
        self.assertContains(response, 'href="/plano/iv-pnetp/"')
        self.assertContains(response, '<span aria-current="page">Planos</span>', html=True)

    def test_plan_overview_shows_metadata_axes_and_totals(self):
        response = self.client.get("/plano/iv-pnetp/")
        self.assertEqual(response.status_code, 200)
        plan = response.context["plan"]
        self.assertEqual((plan.axis_count, plan.action_count, plan.activity_count), (5, 26, 108))
        for text in ("2024–2028", "Publicado", "Nacional", "Eixos estratégicos", "108", "26"):
            self.assertContains(response, text)
        axes = {axis.code: (axis.action_count, axis.activity_count) for axis in response.context["axes"]}
        self.assertEqual(axes, {"1": (4, 22), "2": (7, 31), "3": (6, 20), "4": (6, 23), "5": (3, 12)})
        self.assertContains(response, "4 ações prioritárias")
        self.assertContains(response, "22 atividades")
        for code in "12345":
            self.assertContains(response, f'href="/plano/iv-pnetp/{code}/"')
        self.assertContains(response, '<a href="/plano/">Planos</a>')

    def test_axis_page_lists_actions_and_their_activities(self):
        response = self.client.get("/plano/iv-pnetp/1/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "plans/axis.html")
        self.assertContains(response, "Estruturação da política")
        self.assertContains(response, "Descrição do eixo Estruturação da política.")
        for code in ("1.1", "1.2", "1.3", "1.4"):
            self.assertContains(response, f'href="/plano/iv-pnetp/{code}/"')
        self.assertContains(response, 'href="/plano/iv-pnetp/1.1.3/"')
        self.assertContains(response, 'href="/plano/iv-pnetp/1.1.11/"')
        self.assertNotContains(response, 'href="/plano/iv-pnetp/2.1.1/"')
        self.assertContains(response, '<span aria-current="page">Eixo 1</span>', html=True)
        # Official order, not text order: 1.1.9 before 1.1.10.
        body = response.content.decode()
        self.assertLess(body.index("/1.1.9/"), body.index("/1.1.10/"))

    def test_action_page_lists_its_activities(self):
        response = self.client.get("/plano/iv-pnetp/1.1/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "plans/action.html")
        self.assertContains(response, "Potencializar a estruturação")
        self.assertContains(response, "11 atividades")
        self.assertContains(response, 'href="/plano/iv-pnetp/1/"')
        self.assertContains(response, 'href="/plano/iv-pnetp/1.1.1/"')
        self.assertNotContains(response, 'href="/plano/iv-pnetp/1.2.1/"')
        self.assertContains(response, '<span aria-current="page">Ação 1.1</span>', html=True)

    def test_activity_page_has_text_parents_and_neighbours(self):
        response = self.client.get("/plano/iv-pnetp/1.1.3/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "plans/activity.html")
        self.assertContains(response, "<h1>Atividade 1.1.3</h1>", html=True)
        self.assertContains(response, "Rede de Núcleos de Enfrentamento ao Tráfico de Pessoas - NETP")
        self.assertContains(response, 'href="/plano/iv-pnetp/1.1/"')
        self.assertContains(response, 'href="/plano/iv-pnetp/1/"')
        self.assertContains(response, 'href="/plano/iv-pnetp/1.1.2/" rel="prev"')
        self.assertContains(response, 'href="/plano/iv-pnetp/1.1.4/" rel="next"')
        crumbs = [
            '<a href="/plano/">Planos</a>',
            '<a href="/plano/iv-pnetp/">IV PNETP</a>',
            '<a href="/plano/iv-pnetp/1/">Eixo 1</a>',
        ]
        for crumb in crumbs:
            self.assertContains(response, crumb, html=True)
        self.assertContains(response, '<span aria-current="page">Atividade 1.1.3</span>', html=True)

    def test_neighbours_follow_official_code_order_across_actions(self):
        def neighbours(code):
            context = self.client.get(f"/plano/iv-pnetp/{code}/").context
            return (context["previous"] and context["previous"].code, context["next"] and context["next"].code)

        self.assertEqual(neighbours("1.1.9"), ("1.1.8", "1.1.10"))
        self.assertEqual(neighbours("1.1.11"), ("1.1.10", "1.2.1"))
        self.assertEqual(neighbours("1.1.1"), (None, "1.1.2"))
        self.assertEqual(neighbours("5.3.5"), ("5.3.4", None))

    def test_unknown_plans_and_codes_are_404_on_the_site_layout(self):
        for url in (
            "/plano/nao-existe/",
            "/plano/nao-existe/1/",
            "/plano/iv-pnetp/9/",
            "/plano/iv-pnetp/1.9/",
            "/plano/iv-pnetp/1.1.99/",
            "/plano/iv-pnetp/1.1.1.1/",
            "/plano/iv-pnetp/abc/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, "Página não encontrada", status_code=404)
                self.assertContains(response, 'class="br-header', status_code=404)

    def test_pages_use_a_fixed_number_of_queries(self):
        # Axis 2 has more actions and activities than axis 5: equal counts mean no N+1.
        def queries(url):
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(captured)

        self.assertEqual(queries("/plano/iv-pnetp/2/"), queries("/plano/iv-pnetp/5/"))
        self.assertEqual(queries("/plano/iv-pnetp/2.2/"), queries("/plano/iv-pnetp/1.3/"))
        self.assertLessEqual(queries("/plano/iv-pnetp/"), 3)
        self.assertLessEqual(queries("/plano/iv-pnetp/2/"), 4)
        # The activity page also lists aligned state/municipal activities (one more query), the portal's public
        # view of the activity (responsibles, deadline, status, progress, approved reports: 7 more) and the
        # network's open committee decisions and linked registry counts (2 more, network_tags).
        self.assertLessEqual(queries("/plano/iv-pnetp/1.1.3/"), 13)
        self.assertEqual(queries("/plano/iv-pnetp/1.1.3/"), queries("/plano/iv-pnetp/5.1.1/"))
        self.assertLessEqual(queries("/"), 2)


class EmptySiteTests(TestCase):
    def test_home_without_a_published_plan(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["plan"])
        self.assertContains(response, "Nenhum plano nacional foi publicado ainda.")

    def test_plan_list_without_plans(self):
        self.assertContains(self.client.get("/plano/"), "Nenhum plano publicado ainda.")
