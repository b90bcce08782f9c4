"""CTDC k-anonymised global dataset (codebook v6): 63 columns separated by ";".

The first column's header is the terms-of-use sentence and its cells are empty; -99 means missing.
"""

from .ctdc import CtdcLayout


class CtdcKanonLayout(CtdcLayout):
    name = "ctdc-kanon"
    scheme = "ctdc6"
    delimiter = ";"


LAYOUT = CtdcKanonLayout
