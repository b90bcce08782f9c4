"""Search: accent- and case-insensitive, every word must match, grouped, highlighted and escaped."""

from django.test import SimpleTestCase, TestCase

from pnetp.core.tests.builders import build_plan
from pnetp.plans.models import Activity
from pnetp.plans.queries import MAX_TERMS, search_terms


def codes(response) -> list[str]:
    return [activity.code for group in response.context["results"].groups for activity in group.activities]


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = build_plan()

    def search(self, q):
        response = self.client.get("/busca/", {"q": q})
        self.assertEqual(response.status_code, 200)
        return response

    def test_empty_query_shows_the_form_and_a_hint(self):
        for q in ("", "   ", "%", "!!"):
            with self.subTest(q=q):
                response = self.search(q)
                self.assertEqual(response.context["results"].count, 0)
                self.assertContains(response, 'name="q"')
                self.assertNotContains(response, "encontrada")
        self.assertContains(self.client.get("/busca/"), "Digite uma ou mais palavras")

    def test_without_accents_finds_accented_text(self):
        response = self.search("capacitacao")
        self.assertIn("1.4.1", codes(response))
        self.assertContains(response, "<mark>capacitação</mark>", html=False)

    def test_upper_case_without_accents_finds_orgaos(self):
        response = self.search("ORGAOS")
        self.assertEqual(codes(response), ["2.2.8"])
        self.assertContains(response, "<mark>órgãos</mark>", html=False)
        self.assertContains(response, "1 atividade encontrada para “ORGAOS”")

    def test_accented_query_matches_too(self):
        self.assertEqual(codes(self.search("Órgãos")), ["2.2.8"])
        self.assertIn("1.4.1", codes(self.search("CAPACITAÇÃO")))

    def test_every_word_must_match(self):
        self.assertEqual(codes(self.search("órgãos fronteira")), ["2.2.8"])
        response = self.search("órgãos capacitação")
        self.assertEqual(response.context["results"].count, 0)
        self.assertContains(response, "Nenhuma atividade encontrada para “órgãos capacitação”")

    def test_results_are_grouped_by_axis_in_code_order(self):
        response = self.search("pais")  # "País" in 1.4.1 and 4.1.2, "principais" in 2.2.8
        groups = response.context["results"].groups
        self.assertEqual([group.axis.code for group in groups], ["1", "2", "4"])
        self.assertEqual(codes(response), ["1.4.1", "2.2.8", "4.1.2"])
        self.assertContains(response, "3 atividades encontradas")
        self.assertContains(response, "Eixo 4 – Proteção e assistência às vítimas")
        self.assertContains(response, 'href="/plano/iv-pnetp/4.1.2/"')

    def test_code_search(self):
        response = self.search("1.1.3")
        self.assertEqual(codes(response), ["1.1.3"])
        self.assertContains(response, "<mark>1.1.3</mark>", html=False)

    def test_like_wildcards_are_literal(self):
        self.assertEqual(self.search("a_b").context["results"].count, 0)
        self.assertEqual(self.search("100%").context["results"].count, 0)

    def test_query_is_escaped(self):
        response = self.search('<script>alert("x")</script>')
        self.assertNotContains(response, '<script>alert("x")</script>')
        self.assertContains(response, "&lt;script&gt;")

    def test_activity_text_is_escaped_around_highlights(self):
        Activity.objects.create(
            plan=self.plan,
            action=self.plan.actions.get(code="1.1"),
            code="1.1.12",
            description='Texto <img src=x onerror="alert(1)"> sobre tráfico',
            position=999,
        )
        response = self.search("onerror")
        self.assertEqual(codes(response), ["1.1.12"])
        body = response.content.decode()
        self.assertNotIn("<img src=x", body)
        self.assertIn("&lt;img src=x <mark>onerror</mark>=&quot;alert(1)&quot;&gt; sobre tráfico", body)

    def test_search_keeps_the_query_in_both_boxes(self):
        response = self.search("órgãos")
        self.assertContains(response, 'id="searchbox" type="search" name="q" value="órgãos"')
        self.assertContains(response, 'id="q" type="search" name="q" value="órgãos"')


class SearchTermsTests(SimpleTestCase):
    def test_folds_and_splits_on_punctuation(self):
        self.assertEqual(search_terms("Órgãos, CAPACITAÇÃO!"), ["orgaos", "capacitacao"])

    def test_keeps_codes_and_drops_trailing_dots(self):
        self.assertEqual(search_terms("atividade 1.1.3."), ["atividade", "1.1.3"])

    def test_deduplicates_and_limits(self):
        self.assertEqual(search_terms("tráfico TRAFICO trafico"), ["trafico"])
        self.assertEqual(len(search_terms(" ".join(f"w{i}" for i in range(50)))), MAX_TERMS)
