"""The external schemes the vocabularies map to, and the values each one uses for "unknown".

Unknown stays unknown: an importer that meets one of ``UNKNOWN_VALUES`` stores NULL, never a code.
"""

from django.utils.translation import gettext_lazy as _

SCHEMES = {
    "htcds": {
        "label": _("HTCDS 2.0"),
        "title": _("Human Trafficking Case Data Standard 2.0 (OIM) – nomes de valores das listas"),
        "source": "standards/htcds/HTCDS_Field_Standards_2.0.json",
    },
    "ctdc2024": {
        "label": _("CTDC 2024"),
        "title": _("Counter Trafficking Data Collaborative – codebook de 2024 (27 variáveis)"),
        "source": "standards/ctdc/codebook_v2024.txt",
    },
    "ctdc6": {
        "label": _("CTDC v6"),
        "title": _("Counter Trafficking Data Collaborative – codebook v6 (leiaute k-anonimizado de 63 colunas)"),
        "source": "standards/ctdc/codebook_v6.txt",
    },
    "disque100": {
        "label": _("Disque 100"),
        "title": _("Disque 100 – categorias de violação de 2023 (caminho completo, separado por “>”)"),
        "source": "standards/disque100/disque100_violacao_taxonomy_2023_from_wdmartinez.txt",
    },
}

UNKNOWN_VALUES = {
    "htcds": {"NonSpecifiedUnknown"},
    "ctdc2024": {"NULL"},
    "ctdc6": {"-99", "ZZ", "Unknown", "Not Specified"},
    "disque100": set(),  # the 2023 taxonomy lists violations only
}
