"""True persons and their appearances as rows of the standard layout (``pessoas_casos``, ``identidades``).

Coded values are codes of the standard's vocabularies (checked by the tests); weights are rough
orders of magnitude from Brazilian reports, enough to give plausible distributions.
"""

from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from . import names
from .cpf import cpf_for_index, format_cpf
from .noise import NoiseParams, noisy_birth_date, noisy_cpf, noisy_name, strip_accents
from .territory import EXPLOITATION_UF, ORIGIN_UF, PlaceSampler, municipalities


class Weighted:
    """Weighted draws from a {code: weight} table (bisect: several times faster than ``random.choices``)."""

    def __init__(self, weights: dict[str, float]):
        self.codes = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.total = self.cum[-1]
        self.rank = {code: i for i, code in enumerate(self.codes)}

    def one(self, rng) -> str:
        return self.codes[bisect(self.cum, rng.random() * self.total)]

    def some(self, rng, most: int = 3) -> list[str]:
        """1 to ``most`` codes, in vocabulary order (stable output)."""
        codes, cum, total, random = self.codes, self.cum, self.total, rng.random
        picked = {codes[bisect(cum, random() * total)] for _ in range(1 + int(random() * most))}
        return sorted(picked, key=self.rank.__getitem__) if len(picked) > 1 else list(picked)


ROLE = Weighted({"vitima": 85, "suspeito": 9, "autor": 6})
FORM = Weighted(
    {
        "trabalho_escravo": 45,
        "exploracao_sexual": 33,
        "servidao": 5,
        "trabalho_infantil": 4,
        "adocao_ilegal": 2,
        "casamento_forcado": 1,
        "mendicancia_forcada": 2,
        "atividades_ilicitas": 4,
        "remocao_orgaos": 0.5,
        "recrutamento_armado": 0.5,
        "gestacao_forcada": 0.3,
        "outra": 2,
    }
)
RACE = Weighted({"parda": 52, "preta": 17, "branca": 27, "indigena": 2.5, "amarela": 1.5})
EDUCATION = Weighted(
    {
        "sem_instrucao": 8,
        "educacao_infantil": 1,
        "fundamental_iniciais": 24,
        "fundamental_finais": 25,
        "medio": 31,
        "tecnico_subsequente": 2,
        "superior_tecnologia": 1.5,
        "superior": 6,
        "mestrado": 0.4,
        "doutorado": 0.1,
    }
)
RELATIONSHIP = Weighted(
    {
        "empregador_intermediario": 35,
        "amigo_conhecido": 25,
        "desconhecido": 15,
        "familiar": 10,
        "parceiro_intimo": 10,
        "outra": 5,
    }
)
STATUS = Weighted({"confirmado": 35, "presumido": 40, "risco": 15, "nao_trafico": 10})
AUTHORITY = Weighted(
    {
        "auditoria_trabalho": 20,
        "policia": 25,
        "netp_posto": 15,
        "ministerio_publico": 8,
        "assistencia_social": 10,
        "conselho_tutelar": 5,
        "judiciario": 5,
        "sistema_justica": 4,
        "orgao_publico": 4,
        "sociedade_civil": 3,
        "outra": 1,
    }
)
PERPETRATOR = Weighted(
    {
        "aliciador": 30,
        "explorador": 25,
        "transportador": 8,
        "agenciador_viagem": 5,
        "acompanhante_viagem": 3,
        "alojou": 5,
        "controlou": 8,
        "recebeu": 4,
        "vendeu": 2,
        "comprou": 2,
        "transferiu": 2,
        "abusador": 3,
        "sequestrador": 1,
        "contrabandista": 1,
        "outro": 1,
    }
)
LABOUR_SECTOR = Weighted({"A": 50, "F": 12, "C": 8, "T": 8, "I": 5, "G": 5, "B": 4, "H": 3, "N": 2, "S": 3})
SEXUAL_TYPE = Weighted(
    {
        "prostituicao": 60,
        "servicos_privados": 15,
        "pornografia": 10,
        "servicos_remotos": 10,
        "outro": 5,
    }
)
CONTROL = Weighted(
    {
        "servidao_divida": 15,
        "retencao_salario": 12,
        "restricao_financeira": 6,
        "ameaca": 14,
        "ameaca_familia": 5,
        "controle_filhos": 1,
        "ameaca_autoridades": 3,
        "violencia_psicologica": 8,
        "violencia_fisica": 6,
        "violencia_sexual": 4,
        "falsas_promessas": 18,
        "substancias_psicoativas": 3,
        "restricao_locomocao": 10,
        "restricao_saude": 2,
        "privacao_necessidades": 6,
        "jornada_exaustiva": 12,
        "retencao_documentos": 8,
        "outro": 1,
    }
)
RECRUITMENT = Weighted(
    {
        "agenciador_mao_obra": 30,
        "amigos": 20,
        "redes_sociais": 18,
        "anuncio_internet": 8,
        "familia": 8,
        "local_trabalho": 6,
        "estabelecimento_comercial": 3,
        "instituicao_ensino": 1,
        "anuncio_televisao": 1,
        "anuncio_jornal": 1,
        "sequestro": 1,
        "outra": 3,
    }
)
PLATFORM = Weighted(
    {
        "whatsapp": 35,
        "facebook": 20,
        "instagram": 20,
        "tiktok": 6,
        "telegram": 4,
        "kwai": 3,
        "messenger": 3,
        "sitio_classificados": 4,
        "sitio_relacionamento": 3,
        "x_twitter": 1,
        "outro": 1,
    }
)
SERVICE = Weighted(
    {
        "socioassistencial": 25,
        "acolhimento": 10,
        "saude": 12,
        "saude_mental": 5,
        "juridico": 8,
        "documentacao": 12,
        "regularizacao_migratoria": 3,
        "educacao": 2,
        "qualificacao_trabalho": 4,
        "renda": 10,
        "formacao_direitos": 3,
        "retorno_assistido": 5,
        "programa_protecao": 1,
    }
)
REFERRAL = Weighted(
    {
        "creas": 25,
        "cras": 15,
        "netp": 12,
        "posto_avancado": 4,
        "acolhimento": 5,
        "saude": 8,
        "conselho_tutelar": 5,
        "defensoria": 6,
        "ministerio_publico": 6,
        "policia_federal": 4,
        "policia_civil": 4,
        "auditoria_trabalho": 4,
        "consulado": 1,
        "sociedade_civil": 2,
    }
)
FOREIGN_NATIONALITY = Weighted(
    {
        "VE": 40,
        "BO": 15,
        "PY": 10,
        "HT": 10,
        "CO": 6,
        "PE": 5,
        "CN": 3,
        "AR": 3,
        "AO": 2,
        "NG": 2,
        "BD": 2,
        "CU": 2,
    }
)
ABROAD = Weighted(
    {
        "ES": 20,
        "PT": 20,
        "IT": 10,
        "SR": 10,
        "GF": 10,
        "US": 10,
        "CH": 5,
        "FR": 5,
        "JP": 3,
        "GB": 3,
        "NL": 2,
        "DE": 2,
    }
)
TRANSIT = ("PT", "FR", "GY", "MX", "PA", "CO")
FOREIGN_SHARE = 0.10
ABROAD_SHARE = 0.07
EPOCH = date(2019, 1, 1)
PERIOD_DAYS = (date(2025, 6, 30) - EPOCH).days

origin_place = PlaceSampler(ORIGIN_UF)
exploitation_place = PlaceSampler(EXPLOITATION_UF)


@dataclass(slots=True)
class TruePerson:
    id: int
    role: str
    name: str
    social_name: str
    mother_name: str
    cpf: str
    birth: date
    sex: str
    gender: str
    race: str
    education: str
    nationality: str
    identified: date
    age: int
    status: str
    relationship: str
    forms: list
    sectors: list
    sexual_types: list
    controls: list
    recruitment: list
    platforms: list
    perpetrator_roles: list
    recruited: date
    recruit_place: tuple  # (municipality, uf, country); blanks where unknown
    transit: list
    exploited: date
    exploit_place: tuple


def true_person(rng, index: int) -> TruePerson:
    role = ROLE.one(rng)
    victim = role == "vitima"
    forms = FORM.some(rng, 2)
    if "exploracao_sexual" in forms:
        female = rng.random() < 0.85
    elif "trabalho_escravo" in forms or not victim:
        female = rng.random() < (0.15 if victim else 0.3)
    else:
        female = rng.random() < 0.5
    age = int(rng.triangular(12, 62, 24) if victim else rng.triangular(19, 68, 38))
    if victim and age < 16 and "trabalho_escravo" in forms:
        forms = sorted(set(forms) | {"trabalho_infantil"}, key=FORM.rank.__getitem__)
    identified = EPOCH + timedelta(days=int(rng.random() * PERIOD_DAYS))
    birth = identified - timedelta(days=age * 365 + int(rng.random() * 365) + age // 4)
    age = identified.year - birth.year - ((identified.month, identified.day) < (birth.month, birth.day))
    sex = "feminino" if female else "masculino"
    gender, social_name = ("mulher_cis" if female else "homem_cis"), ""
    if rng.random() < 0.02:  # trans women and travestis, over-represented in sexual exploitation
        sex, gender = "masculino", rng.choice(("mulher_trans", "travesti"))
    name, mother = names.person_names(rng, female)
    if gender in ("mulher_trans", "travesti") and rng.random() < 0.6:
        social_name = f"{names.given_name(rng, True)} {name.rsplit(' ', 1)[-1]}"
    education = EDUCATION.one(rng)
    if age < 18 and EDUCATION.rank[education] > 4:
        education = "fundamental_finais"
    nationality = FOREIGN_NATIONALITY.one(rng) if rng.random() < FOREIGN_SHARE else "BR"
    if nationality != "BR" and rng.random() < 0.7:
        recruit_place = ("", "", nationality)
    else:
        uf, code = origin_place(rng)
        recruit_place = (code, uf, "")
    transit: list[str] = []
    if rng.random() < ABROAD_SHARE:
        exploit_place = ("", "", ABROAD.one(rng))
        if rng.random() < 0.3:
            transit = [rng.choice(TRANSIT)]
    else:
        uf, code = exploitation_place(rng)
        exploit_place = (code, uf, "")
    recruited = identified - timedelta(days=20 + int(rng.random() * 880))
    exploited = min(identified, recruited + timedelta(days=int(rng.random() * 60)))
    labour = "trabalho_escravo" in forms or "servidao" in forms or "trabalho_infantil" in forms
    recruitment = RECRUITMENT.some(rng, 2)
    online = "redes_sociais" in recruitment or "anuncio_internet" in recruitment
    return TruePerson(
        id=index,
        role=role,
        name=name,
        social_name=social_name,
        mother_name=mother,
        cpf=cpf_for_index(index),
        birth=birth,
        sex=sex,
        gender=gender,
        race=RACE.one(rng),
        education=education,
        nationality=nationality,
        identified=identified,
        age=age,
        status=STATUS.one(rng),
        relationship=RELATIONSHIP.one(rng) if victim else "",
        forms=forms,
        sectors=LABOUR_SECTOR.some(rng, 2) if labour else [],
        sexual_types=SEXUAL_TYPE.some(rng, 2) if "exploracao_sexual" in forms else [],
        controls=CONTROL.some(rng, 4) if victim else [],
        recruitment=recruitment if victim else [],
        platforms=PLATFORM.some(rng, 2) if victim and online else [],
        perpetrator_roles=[] if victim else PERPETRATOR.some(rng, 3),
        recruited=recruited,
        recruit_place=recruit_place,
        transit=transit,
        exploited=exploited,
        exploit_place=exploit_place,
    )


@dataclass(frozen=True)
class SourceProfile:
    slug: str
    name: str
    weight: float  # share of persons it sees, relative to the other sources
    upper: bool  # legacy system: names in capitals
    no_accents: bool  # legacy system: no accents at all
    cpf_punctuated: bool
    prefix: str  # of its record numbers
    missing: float  # multiplies the missing rates: some sources fill fewer columns


@dataclass
class CaseState:
    """The case a source is filling: some cases have several persons."""

    record_id: str = ""
    persons: int = 0
    fields: tuple = ()  # the case columns
    events: tuple = ()  # the event columns


def _present(rng, share: float, factor: float) -> bool:
    return rng.random() >= (1.0 - share) * factor


def _partial(rng, day: date) -> str:
    r = rng.random()
    return day.isoformat() if r < 0.5 else day.isoformat()[:7] if r < 0.85 else str(day.year)


def _subset(rng, codes: list, vocabulary: Weighted | None = None, disagree: float = 0.0) -> str:
    """The codes a source recorded: usually all, sometimes only some; at rate ``disagree`` one of them
    replaced by another code of ``vocabulary`` (the source saw or classified the episode otherwise)."""
    if len(codes) > 1 and rng.random() < 0.3:
        codes = [code for code in codes if rng.random() < 0.6] or codes[:1]
    if vocabulary is not None and rng.random() < disagree:
        codes = list(codes)
        codes[int(rng.random() * len(codes))] = vocabulary.one(rng)
        codes = sorted(set(codes), key=vocabulary.rank.__getitem__)
    return ";".join(codes)


def _other_place(rng, place: tuple, share: float) -> tuple:
    """The place as a source named it: for a share of records another municipality of the same UF."""
    if place[0] and rng.random() < share:
        codes = municipalities()[place[1]]
        return (codes[int(rng.random() * len(codes))], *place[1:])
    return place


_OTHER_SEX = {"feminino": "masculino", "masculino": "feminino"}


def appearance_rows(
    rng, person: TruePerson, source: SourceProfile, case: CaseState, person_id: str, noise: NoiseParams
) -> tuple[list, list | None]:
    """(pessoas_casos row, identidades row or None) of one appearance; ``case`` gives the key and case columns."""
    f = noise.field_missing * source.missing
    r = rng.random  # the missing checks below are inlined: this runs once per record
    victim = person.role == "vitima"
    d = noise.episode_disagreement
    race, education = person.race, person.education
    if rng.random() < noise.coded_disagreement:
        race = RACE.one(rng)
    if rng.random() < noise.coded_disagreement:
        education = EDUCATION.one(rng)
    if case.persons == 1:  # events belong to the case: later persons of the record share them
        rp = _other_place(rng, person.recruit_place, noise.other_municipality)
        ep = _other_place(rng, person.exploit_place, noise.other_municipality)
        has_recruit = victim and r() >= 0.2 * f
        has_exploit = r() >= (0.15 if victim else 0.5) * f
        uf_only = r() < 0.1 * f  # the source knew the UF only
        case.events = (
            _partial(rng, person.recruited) if has_recruit and r() >= 0.3 * f else "",
            rp[0] if has_recruit and not uf_only else "",
            rp[1] if has_recruit and uf_only else "",
            rp[2] if has_recruit else "",
            ";".join(person.transit) if has_exploit else "",
            _partial(rng, person.exploited) if has_exploit and r() >= 0.3 * f else "",
            ep[0] if has_exploit and not uf_only else "",
            ep[1] if has_exploit and uf_only else "",
            ep[2] if has_exploit else "",
        )
    row = [
        source.slug,
        case.record_id,
        person_id,
        *case.fields,
        person.role,
        ";".join(person.perpetrator_roles),
        ""
        if r() < noise.sex_missing * source.missing
        else _OTHER_SEX[person.sex]
        if r() < noise.sex_wrong
        else person.sex,
        person.gender if r() >= 0.55 * f else "",
        str(person.age) if r() >= 0.15 * f else "",
        race if r() >= 0.3 * f else "",
        person.nationality if r() >= 0.15 * f else "",
        education if r() >= 0.55 * f else "",
        (RELATIONSHIP.one(rng) if r() < d else person.relationship) if victim and r() >= 0.5 * f else "",
        _subset(rng, person.forms, FORM, d) if r() >= 0.1 * f else "",
        _subset(rng, person.sectors) if person.sectors and r() >= 0.3 * f else "",
        _subset(rng, person.sexual_types) if person.sexual_types and r() >= 0.4 * f else "",
        _subset(rng, person.controls, CONTROL, d) if person.controls and r() >= 0.4 * f else "",
        _subset(rng, person.recruitment, RECRUITMENT, d) if person.recruitment and r() >= 0.4 * f else "",
        ";".join(person.platforms) if person.platforms and r() >= 0.3 * f else "",
        "",
        ";".join(SERVICE.some(rng, 3)) if victim and r() >= 0.5 * f else "",
        ";".join(REFERRAL.some(rng, 2)) if victim and r() >= 0.4 * f else "",
        *case.events,
    ]
    return row, identity_row(rng, person, source, case, person_id, noise)


def identity_row(
    rng, person: TruePerson, source: SourceProfile, case: CaseState, person_id: str, noise: NoiseParams
) -> list | None:
    name = noisy_name(rng, person.name, noise) if rng.random() >= 0.02 * noise.field_missing else ""
    mother = noisy_name(rng, person.mother_name, noise) if rng.random() < noise.mother_name else ""
    social = person.social_name if person.social_name and rng.random() < 0.7 else ""
    if source.no_accents:
        name, mother, social = strip_accents(name), strip_accents(mother), strip_accents(social)
    if source.upper:
        name, mother, social = name.upper(), mother.upper(), social.upper()
    cpf = ""
    if rng.random() < noise.cpf:
        cpf = noisy_cpf(rng, person.cpf, noise)
        cpf = format_cpf(cpf) if source.cpf_punctuated else cpf
    born = noisy_birth_date(rng, person.birth, noise)
    email = ""
    if name and rng.random() < 0.05:  # reserved domain (RFC 2606): never a real mailbox
        first, last = strip_accents(person.name.split(" ", 1)[0]).lower(), strip_accents(person.name).split()[-1]
        email = f"{first}.{last.lower()}{person.id % 1000}@example.com"
    if not (name or mother or cpf or born or social):
        return None
    return [source.slug, case.record_id, person_id, name, social, cpf, born, mother, "", email, ""]


def case_fields(rng, person: TruePerson, noise: NoiseParams, source: SourceProfile) -> tuple:
    """data_registro, data_identificacao, situacao_trafico, autoridade_decisao as this source saw them."""
    f = noise.field_missing * source.missing
    shift = 1 + int(rng.random() * 30) if rng.random() < noise.identification_shift else 0
    identified = person.identified + timedelta(days=shift)
    reported = identified + timedelta(days=int(rng.random() * 90))
    status = person.status if rng.random() < 0.7 else STATUS.one(rng)
    return (
        reported.isoformat(),
        identified.isoformat() if _present(rng, 0.85, f) else "",
        status if _present(rng, 0.9, f) else "",
        AUTHORITY.one(rng) if _present(rng, 0.7, f) else "",
    )
