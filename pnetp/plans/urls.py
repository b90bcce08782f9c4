from django.urls import path, re_path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("plano/", views.plan_list, name="plan_list"),
    path("busca/", views.search, name="search"),
    path("plano/<slug:plan>/", views.plan_detail, name="plan"),
    re_path(r"^plano/(?P<plan>[-\w]+)/(?P<code>\d+(?:\.\d+){0,2})/$", views.item_detail, name="item"),
]
