"""CTDC Global Synthetic Dataset (codebook version 2, 2024): 27 variables, "NULL" for missing."""

from .ctdc import CtdcLayout


class Ctdc2024Layout(CtdcLayout):
    name = "ctdc2024"
    scheme = "ctdc2024"


LAYOUT = Ctdc2024Layout
