"""An atendimento with the statistics consent is counted once with the other sources: the linkage gives it the
person key of the same person's record in another source (fictitious generated records)."""

from pnetp.referrals.consent import consent_record
from pnetp.referrals.models import Purpose
from pnetp.referrals.services.atendimentos import AtendimentoData, open_atendimento
from pnetp.sisetp.fields import Sealed
from pnetp.linkage.service import dedupe_database
from pnetp.sisetp.models import CasePerson, PersonIdentity
from pnetp.sisetp.tests.linkage_fixtures import generate_and_register, import_source


def _plain(identity, name):
    value = getattr(identity, name)
    return value.reveal() if isinstance(value, Sealed) else value


def test_same_person_from_the_network_is_not_double_counted(world, tmp_path):
    data = generate_and_register(tmp_path, 200, 1, seed=7)
    import_source(data, 0)
    identity = (
        PersonIdentity.objects.filter(person__role="vitima", cpf__isnull=False, birth_date__isnull=False)
        .select_related("person")
        .first()
    )
    source_person = identity.person
    values = {name: _plain(identity, name) for name in ("full_name", "cpf", "birth_date", "mother_name")}
    user = world.users["netp"]
    atendimento = open_atendimento(
        user,
        world.units["netp"],
        AtendimentoData(identification_route="rescue", sex=source_person.sex, age=source_person.age_at_identification),
        identity={k: v for k, v in values.items() if v},
    )
    consent_record(user, atendimento, purpose=Purpose.STATISTICS, granted=True, how="written")

    dedupe_database()
    source_keys = set(CasePerson.objects.exclude(pk=atendimento.person_id).values_list("person_key", flat=True))
    atendimento.person.refresh_from_db()
    source_person.refresh_from_db()
    assert atendimento.person.person_key == source_person.person_key
    all_keys = set(CasePerson.objects.filter(case__source__in_statistics=True).values_list("person_key", flat=True))
    assert all_keys == source_keys  # the unique-person count did not grow
