"""/api/v1/ (the REST API), /api/schema/ (OpenAPI 3) and /api/docs/ (the schema as a page of the site)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from .views.docs import ApiDocsView
from .views.network import ChannelViewSet, UnitViewSet
from .views.plans import ActivityViewSet, PlanViewSet, StatusOptionViewSet
from .views.referrals import ReferralViewSet
from .views.reports import ReportViewSet
from .views.statistics import StatisticsViewSet

app_name = "api"

# DefaultRouter: /api/v1/ itself lists the API (DRF's root view); no format suffixes, as before.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("plans", PlanViewSet, basename="plan")
router.register(r"plans/(?P<slug>[-\w]+)/activities", ActivityViewSet, basename="activity")
router.register("statuses", StatusOptionViewSet, basename="status")
router.register("reports", ReportViewSet, basename="report")
router.register("statistics", StatisticsViewSet, basename="statistics")
router.register("network/units", UnitViewSet, basename="network-unit")
router.register("network/channels", ChannelViewSet, basename="network-channel")
router.register("referrals", ReferralViewSet, basename="referral")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
]
