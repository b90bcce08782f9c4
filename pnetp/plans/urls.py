from django.urls import path, re_path

from . import alignment_views, views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("plano/", views.plan_list, name="plan_list"),
    path("busca/", views.search, name="search"),
    path("alinhamento/", alignment_views.coverage, name="alignment_coverage"),
    path("alinhamento/<slug:plan>/", alignment_views.local_plan, name="alignment_plan"),
    re_path(
        r"^alinhamento/(?P<plan>[-\w]+)/(?P<code>\d+\.\d+\.\d+)/editar/$", alignment_views.edit, name="alignment_edit"
    ),
    re_path(
        r"^alinhamento/(?P<plan>[-\w]+)/(?P<code>\d+\.\d+\.\d+)/remover/(?P<pk>\d+)/$",
        alignment_views.remove,
        name="alignment_remove",
    ),
    path("plano/<slug:plan>/", views.plan_detail, name="plan"),
    re_path(r"^plano/(?P<plan>[-\w]+)/(?P<code>\d+(?:\.\d+){0,2})/$", views.item_detail, name="item"),
]
