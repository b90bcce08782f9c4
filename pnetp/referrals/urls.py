from django.urls import path

from .web.views import atendimentos, care, public, referrals, tokens

app_name = "referrals"

urlpatterns = [
    path("", atendimentos.inbox, name="inbox"),
    path("novo/", atendimentos.atendimento_create, name="atendimento_create"),
    path("<int:pk>/", atendimentos.atendimento_detail, name="atendimento"),
    path("<int:pk>/consentimentos/", atendimentos.consent, name="consent"),
    path("<int:pk>/identidade/", atendimentos.identity, name="identity"),
    path("<int:pk>/acessos/", atendimentos.access_log, name="access_log"),
    path("<int:pk>/encerrar/", atendimentos.close, name="close"),
    path("<int:pk>/servicos/novo/", care.service_create, name="service_create"),
    path("<int:pk>/etapa/", care.stage, name="stage"),
    path("<int:pk>/oitivas/nova/", atendimentos.hearing_create, name="hearing_create"),
    path("<int:pk>/encaminhar/", referrals.referral_create, name="referral_create"),
    path("encaminhamentos/<int:pk>/", referrals.referral_detail, name="referral"),
    path("encaminhamentos/<int:pk>/carta.pdf", referrals.referral_letter, name="letter"),
    path("encaminhamentos/<int:pk>/<slug:action>/", referrals.referral_action, name="referral_action"),
    path("fluxos/", public.flow_list, name="flows"),
    path("fluxos/<slug:slug>/", public.flow_detail, name="flow"),
    path("coordenacao/", public.coordination, name="coordination"),
    path("coordenacao/chaves-de-api/", tokens.unit_token, name="unit_token"),
]
