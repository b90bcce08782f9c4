"""Recruitment: how the victim was recruited, on which platforms, and what each perpetrator did."""

from django.utils.translation import gettext_lazy as _

from ..terms import Vocabulary, broader, entry

RECRUITMENT_METHOD = Vocabulary(
    slug="recruitment_method",
    label=_("Forma de aliciamento"),
    description=_("Onde ou por qual meio a vítima foi aliciada."),
    references={"htcds": "vic_MethodOfRecruitment", "ctdc6": "isAbduction"},
    entries=(
        entry("estabelecimento_comercial", _("Em estabelecimento comercial"), htcds="AtAPlaceOfBusiness"),
        entry("instituicao_ensino", _("Em instituição de ensino"), htcds="AtAnEducationalInstitution"),
        entry("local_trabalho", _("No local de trabalho"), htcds="AtWork"),
        entry("redes_sociais", _("Por redes sociais na internet"), htcds="ThroughOnlineSocialNetworks"),
        entry("anuncio_internet", _("Por anúncio na internet"), htcds="ThroughAnOnlineAdvertisement"),
        entry("anuncio_televisao", _("Por anúncio na televisão"), htcds="ThroughATelevisionAdvert"),
        entry("anuncio_jornal", _("Por anúncio em jornal"), htcds="ThroughANewspaperAdvert"),
        entry("familia", _("Pela família ou em eventos familiares"), htcds="ThroughFamilyOrFamilyEvents"),
        entry("amigos", _("Por amigos ou em eventos sociais"), htcds="ThroughFriendsOrSocialEvents"),
        entry(
            "agenciador_mao_obra",
            _("Por agenciador(a) de mão de obra (“gato”) ou agência de emprego"),
            htcds=broader("Other"),
        ),
        entry("sequestro", _("Por sequestro ou rapto"), htcds=broader("Other"), ctdc6="isAbduction"),
        entry("outra", _("Outra forma de aliciamento"), htcds="Other"),
    ),
)

ONLINE_PLATFORM = Vocabulary(
    slug="online_platform",
    label=_("Aplicativo ou sítio na internet"),
    description=_("Aplicativos e sítios usados para aliciar ou para explorar a vítima."),
    references={"htcds": "vic_RecruitmentWebsitesAndApps, vic_ExploitationWebsitesAndApps"},
    entries=(
        entry("facebook", _("Facebook"), htcds="Facebook"),
        entry("instagram", _("Instagram"), htcds="Instagram"),
        entry("whatsapp", _("WhatsApp"), htcds="WhatsApp"),
        entry("telegram", _("Telegram"), htcds="Telegram"),
        entry("messenger", _("Facebook Messenger"), htcds="FacebookMessenger"),
        entry("viber", _("Viber"), htcds="Viber"),
        entry("snapchat", _("Snapchat"), htcds="SnapChat"),
        entry("line", _("Line"), htcds="Line"),
        entry("4sale", _("4Sale"), htcds="4Sale"),
        entry("wechat", _("WeChat"), htcds="WeChat"),
        entry("qq", _("QQ"), htcds="QQ"),
        entry("qzone", _("QZone"), htcds="QZone"),
        entry("tiktok", _("TikTok"), htcds="TikTok"),
        entry("x_twitter", _("X (antigo Twitter)"), htcds="Twitter"),
        entry("kwai", _("Kwai"), htcds=broader("Other")),
        entry("sitio_classificados", _("Sítio de anúncios classificados"), htcds=broader("Other")),
        entry("sitio_relacionamento", _("Aplicativo ou sítio de relacionamento"), htcds=broader("Other")),
        entry("outro", _("Outro aplicativo ou sítio"), htcds="Other"),
    ),
)

# The verbs of Código Penal art. 149-A (agenciar, aliciar, recrutar, transportar, transferir, comprar,
# alojar ou acolher) line up with the HTCDS perpetrator roles.
PERPETRATOR_ROLE = Vocabulary(
    slug="perpetrator_role",
    label=_("Papel do(a) autor(a) ou suspeito(a) no tráfico"),
    description=_("O que a pessoa fez no processo de tráfico; pode ter tido mais de um papel."),
    references={"htcds": "per_RoleInProcess"},
    entries=(
        entry("aliciador", _("Aliciou, recrutou ou intermediou"), htcds="RecruiterOrIntermediary"),
        entry("agenciador_viagem", _("Agenciou a viagem"), htcds="BrokerTravelAgent"),
        entry("acompanhante_viagem", _("Acompanhou a vítima na viagem"), htcds="TravellingPartner"),
        entry("transportador", _("Transportou"), htcds="Transporter"),
        entry("transferiu", _("Transferiu"), htcds="TransferredIndividual"),
        entry("alojou", _("Alojou ou acolheu"), htcds="HarbouredIndividual"),
        entry("vendeu", _("Vendeu"), htcds="SoldIndividual"),
        entry("comprou", _("Comprou"), htcds="BoughtIndividual"),
        entry("recebeu", _("Recebeu"), htcds="ReceivedIndividual"),
        entry("controlou", _("Controlou"), htcds="ControlledIndividual"),
        entry("explorador", _("Explorou"), htcds="Exploiter"),
        entry("abusador", _("Abusou"), htcds="Abuser"),
        entry("sequestrador", _("Sequestrou"), htcds="Kidnapper"),
        entry("contrabandista", _("Promoveu migração ilegal (contrabando de migrantes)"), htcds="Smuggler"),
        entry("outro", _("Outro papel"), htcds="Other"),
    ),
)
