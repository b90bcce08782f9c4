"""Public, read-only: the SISETP open statistics, the same numbers as the statistics page and its downloads.

Everything comes from the stored release (``statistics.release``), i.e. after disclosure control:
counts from 1 to k−1 and the cells that would let them be recovered are null with ``suprimido`` true.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from pnetp.statistics import downloads

CODE_PARAMETER = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH,
    description=_("Código do indicador (por exemplo, vitimas-identificadas) ou da tabela (nacionalidades, "
                  "formas-de-exploracao)."),
)  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        operation_id="statistics_list",
        summary=_("Estatísticas do SISETP"),
        description=_(
            "Indicadores publicados, com definição, numerador, denominador, fator e valor, e as tabelas "
            "de vítimas por nacionalidade e por forma de exploração; tudo após o controle de divulgação."
        ),
        responses={200: OpenApiTypes.OBJECT},
    ),
    retrieve=extend_schema(
        operation_id="statistics_retrieve",
        summary=_("Tabela de um indicador ou de uma dimensão de múltiplos valores"),
        description=_("Uma linha por número publicado: as dimensões, o valor e se foi suprimido (valor nulo)."),
        parameters=[CODE_PARAMETER],
        responses={200: OpenApiTypes.OBJECT},
    ),
)
@extend_schema(tags=[_("Estatísticas")])
class StatisticsViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[-a-z0-9]+"

    def list(self, request):
        return Response(downloads.catalogue())

    def retrieve(self, request, code=None):
        data = downloads.table_dict(code)
        if data is None:
            raise Http404
        return Response(data)
