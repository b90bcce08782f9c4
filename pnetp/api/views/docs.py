"""/api/docs/: the API documented on a page of the site (base layout, gov.br DS, Portuguese), read from the
OpenAPI schema that /api/schema/ serves (``pnetp.api.docs``)."""

from django.views.generic import TemplateView

from ..docs import generate_schema, read_schema


class ApiDocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        schema = generate_schema(self.request)
        return super().get_context_data(doc=read_schema(schema, self.request.build_absolute_uri("/")), **kwargs)
