"""Public, read-only: the network directory and the report channels.

Units come through ``pnetp.network.selectors.public_units``/``public_unit_fields`` only, so restricted fields
(a shelter's address, any field a unit marks restricted) are null here as on the pages and downloads.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from pnetp.api.pagination import Pagination
from pnetp.network import selectors

FILTER_PARAMETERS = [
    OpenApiParameter("uf", OpenApiTypes.STR, description=_("Sigla da UF.")),
    OpenApiParameter("tipo", OpenApiTypes.STR, description=_("Tipo de unidade (código, por exemplo netp).")),
    OpenApiParameter("servico", OpenApiTypes.STR, description=_("Serviço oferecido (código).")),
    OpenApiParameter("q", OpenApiTypes.STR, description=_("Palavras do nome ou do município.")),
]


def _filters(params) -> selectors.DirectoryFilters:
    return selectors.DirectoryFilters(
        uf=params.get("uf", "")[:2], kind=params.get("tipo", "")[:30], service=params.get("servico", "")[:30],
        text=params.get("q", "")[:100],
    )  # fmt: skip


def _public(row: dict) -> dict:
    return {key: row[key] for key in (*selectors.PUBLIC_FIELDS, "restrito")}


@extend_schema_view(
    list=extend_schema(
        operation_id="network_units_list",
        summary=_("Unidades da rede de enfrentamento"),
        description=_(
            'Só campos públicos: endereço de acolhimento e campos restritos vêm nulos e listados em "restrito".'
        ),
        parameters=FILTER_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
    ),
    retrieve=extend_schema(
        operation_id="network_units_retrieve",
        summary=_("Uma unidade da rede, pelo código"),
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Código da unidade."))
        ],
        responses={200: OpenApiTypes.OBJECT},
    ),
)
@extend_schema(tags=[_("Rede")])
class UnitViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[-\w.]{1,40}"

    def list(self, request):
        paginator = Pagination()
        units = paginator.paginate_queryset(selectors.public_units(_filters(request.query_params)), request, view=self)
        return paginator.get_paginated_response([_public(selectors.public_unit_fields(u)) for u in units])

    def retrieve(self, request, code=None):
        unit = selectors.public_units().filter(code=code).first()
        if unit is None:
            raise Http404
        return Response(_public(selectors.public_unit_fields(unit)))


@extend_schema_view(
    list=extend_schema(
        operation_id="network_channels_list",
        summary=_("Canais de denúncia"),
        description=_("Os canais da página Onde denunciar."),
        responses={200: OpenApiTypes.OBJECT},
    )
)
@extend_schema(tags=[_("Rede")])
class ChannelViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]

    def list(self, request):
        return Response([selectors.channel_fields(c) for c in selectors.public_channels()])
