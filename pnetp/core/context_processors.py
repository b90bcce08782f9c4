from django.conf import settings


def site(request):
    """Values every page template needs (site name, contact, debug flag for the demo banner)."""
    return {
        "SITE_NAME": "PNETP",
        "SITE_FULL_NAME": "Plataforma do IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas",
        # Accessibility and support contact; set CONTACT_EMAIL in production.
        "CONTACT_EMAIL": getattr(settings, "CONTACT_EMAIL", settings.DEFAULT_FROM_EMAIL),
        "DEBUG": settings.DEBUG,
    }
