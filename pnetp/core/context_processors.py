from django.conf import settings


def site(request):
    """Values every page template needs (site name, debug flag for the demo banner)."""
    return {
        "SITE_NAME": "PNETP",
        "SITE_FULL_NAME": "Plataforma do IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas",
        "DEBUG": settings.DEBUG,
    }
