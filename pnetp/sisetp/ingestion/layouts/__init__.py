"""One module per file layout; each turns the rows of its files into rows of the standard layout."""

from importlib import import_module

MODULES = {
    "standard": "standard",
    "ctdc2024": "ctdc2024",
    "ctdc-kanon": "ctdc_kanon",
    "htcds": "htcds",
    "disque100": "disque100",
    "custom": "custom",
}


def get_layout(name: str):
    """The layout class registered as ``name`` (see models.ingestion.Layout)."""
    try:
        module = MODULES[name]
    except KeyError:
        raise LookupError(f"unknown layout {name!r}; expected one of {', '.join(MODULES)}") from None
    return import_module(f"{__name__}.{module}").LAYOUT
