"""Everything validation looks up, loaded once per import into plain dicts (no query per row)."""

from functools import cached_property

from pnetp.territory.keys import place_key
from pnetp.territory.models import Country, FederativeUnit, Municipality

from ..standard.vocabularies import VOCABULARIES


class Lookups:
    @cached_property
    def codes(self) -> dict[str, frozenset[str]]:
        return {slug: frozenset(vocabulary.codes()) for slug, vocabulary in VOCABULARIES.items()}

    @cached_property
    def uf_by_text(self) -> dict[str, int]:
        """ "SP", "35" and the folded name → IBGE code of the UF."""
        index = {}
        for code, abbreviation, name in FederativeUnit.objects.values_list("ibge_code", "abbreviation", "name"):
            index[abbreviation] = index[str(code)] = index[place_key(name)] = code
        return index

    @cached_property
    def uf_abbreviation(self) -> dict[int, str]:
        return dict(FederativeUnit.objects.values_list("ibge_code", "abbreviation"))

    @cached_property
    def municipality_uf(self) -> dict[int, int]:
        return dict(Municipality.objects.values_list("ibge_code", "uf_id"))

    @cached_property
    def municipality_by_name(self) -> dict[tuple[str, int], int]:
        rows = Municipality.objects.values_list("search_key", "uf_id", "ibge_code")
        return {(key, uf): code for key, uf, code in rows}

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(Country.objects.values_list("alpha2", flat=True))

    @cached_property
    def term_ids(self) -> dict[tuple[str, str], int]:
        from ..models import VocabularyTerm

        rows = VocabularyTerm.objects.values_list("vocabulary", "code", "pk")
        return {(vocabulary, code): pk for vocabulary, code, pk in rows}

    @cached_property
    def term_codes(self) -> dict[int, tuple[str, str]]:
        return {pk: key for key, pk in self.term_ids.items()}
