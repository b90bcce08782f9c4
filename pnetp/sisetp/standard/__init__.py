"""The SISETP data standard ("parâmetros mínimos", IV PNETP activity 2.1.2) as data.

- ``vocabularies``: coded values with their mappings to HTCDS 2.0, CTDC and Disque 100;
- ``mapping``: ``map_value`` / ``export_values`` between the standard and those schemes;
- ``layout``: the CSV layout the importers read (one module, shared by every importer);
- ``datapackage``: the layout as a Frictionless Data Package descriptor.
"""

STANDARD_VERSION = "1.0"
