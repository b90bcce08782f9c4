"""Every vocabulary of the standard, by slug."""

from ..terms import Vocabulary
from .assistance import REFERRAL_DESTINATION, SERVICE
from .case import DECISION_AUTHORITY, TRAFFICKING_STATUS
from .events import DATE_PRECISION, EVENT_KIND
from .exploitation import EXPLOITATION_FORM, LABOUR_SECTOR, MEANS_OF_CONTROL, SEXUAL_EXPLOITATION_TYPE
from .person import (
    AGE_BAND,
    AGE_BAND_FLOORS,
    EDUCATION,
    GENDER_IDENTITY,
    PERSON_ROLE,
    RACE_COLOUR,
    RELATIONSHIP_TO_RECRUITER,
    SEX,
)
from .recruitment import ONLINE_PLATFORM, PERPETRATOR_ROLE, RECRUITMENT_METHOD

# In the order the published dictionary lists them.
VOCABULARIES: dict[str, Vocabulary] = {
    vocabulary.slug: vocabulary
    for vocabulary in (
        TRAFFICKING_STATUS,
        DECISION_AUTHORITY,
        PERSON_ROLE,
        PERPETRATOR_ROLE,
        SEX,
        GENDER_IDENTITY,
        AGE_BAND,
        RACE_COLOUR,
        EDUCATION,
        RELATIONSHIP_TO_RECRUITER,
        EXPLOITATION_FORM,
        LABOUR_SECTOR,
        SEXUAL_EXPLOITATION_TYPE,
        MEANS_OF_CONTROL,
        RECRUITMENT_METHOD,
        ONLINE_PLATFORM,
        SERVICE,
        REFERRAL_DESTINATION,
        EVENT_KIND,
        DATE_PRECISION,
    )
}


def get_vocabulary(slug: str) -> Vocabulary:
    try:
        return VOCABULARIES[slug]
    except KeyError:
        raise LookupError(f"unknown vocabulary {slug!r}") from None


__all__ = ["AGE_BAND_FLOORS", "VOCABULARIES", "get_vocabulary"]
