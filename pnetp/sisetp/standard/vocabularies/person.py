"""Who the person is: role in the case, sex, gender identity, age band, race/colour, education."""

from django.utils.translation import gettext_lazy as _

from ..terms import Vocabulary, broader, entry

PERSON_ROLE = Vocabulary(
    slug="person_role",
    label=_("Papel da pessoa no caso"),
    description=_(
        "Vítima, suspeito(a) ou autor(a). Segue a Metodologia Integrada do Ministério da Justiça (2014), "
        "que acompanha quem praticou o crime de suspeito(a) a denunciado(a) ou condenado(a)."
    ),
    entries=(
        entry("vitima", _("Vítima")),
        entry("suspeito", _("Suspeito(a) – investigado(a)")),
        entry("autor", _("Autor(a) – denunciado(a) ou condenado(a)")),
    ),
)

SEX = Vocabulary(
    slug="sex",
    label=_("Sexo"),
    description=_("Sexo atribuído ao nascimento, como registrado pela fonte. Não confundir com identidade de gênero."),
    entries=(
        entry("feminino", _("Feminino")),
        entry("masculino", _("Masculino")),
        entry("intersexo", _("Intersexo")),
    ),
)

GENDER_IDENTITY = Vocabulary(
    slug="gender_identity",
    label=_("Identidade de gênero"),
    description=_("Como a pessoa se identifica. Dado sensível (LGPD, art. 5º, II)."),
    references={"htcds": "prs_Gender", "ctdc2024": "gender", "ctdc6": "gender"},
    entries=(
        entry("mulher_cis", _("Mulher cisgênero"), htcds="Feminine", ctdc2024="Woman", ctdc6="Female"),
        entry("homem_cis", _("Homem cisgênero"), htcds="Masculine", ctdc2024="Man", ctdc6="Male"),
        entry(
            "mulher_trans",
            _("Mulher trans"),
            htcds="TransgenderFeminine",
            ctdc2024=broader("Trans/Transgender/NonConforming"),
            ctdc6=broader("Transgender/NonConforming"),
        ),
        entry(
            "travesti",
            _("Travesti"),
            htcds=broader("TransgenderFeminine"),
            ctdc2024=broader("Trans/Transgender/NonConforming"),
            ctdc6=broader("Transgender/NonConforming"),
        ),
        entry(
            "homem_trans",
            _("Homem trans"),
            htcds="TransgenderMasculine",
            ctdc2024=broader("Trans/Transgender/NonConforming"),
            ctdc6=broader("Transgender/NonConforming"),
        ),
        entry(
            "nao_binaria",
            _("Pessoa não binária"),
            htcds="NonConforming",
            ctdc2024=broader("Trans/Transgender/NonConforming"),
            ctdc6=broader("Transgender/NonConforming"),
        ),
        entry("outra", _("Outra identidade de gênero")),
    ),
)

# CTDC's age bands; the codebooks write them with an em dash ("18—20"), the 63-column files with "--".
AGE_BAND = Vocabulary(
    slug="age_band",
    label=_("Faixa etária (CTDC)"),
    description=_("Calculada a partir da idade na identificação, nas faixas do CTDC (variável ageBroad)."),
    references={"ctdc2024": "ageBroad", "ctdc6": "ageBroad"},
    entries=tuple(
        entry(code, label, ctdc2024=ctdc, ctdc6=ctdc)
        for code, label, ctdc in [
            ("0_8", _("0 a 8 anos"), "0—8"),
            ("9_17", _("9 a 17 anos"), "9—17"),
            ("18_20", _("18 a 20 anos"), "18—20"),
            ("21_23", _("21 a 23 anos"), "21—23"),
            ("24_26", _("24 a 26 anos"), "24—26"),
            ("27_29", _("27 a 29 anos"), "27—29"),
            ("30_38", _("30 a 38 anos"), "30—38"),
            ("39_47", _("39 a 47 anos"), "39—47"),
            ("48_mais", _("48 anos ou mais"), "48+"),
        ]
    ),
)

# Lower bound of each band, in the order above; used to compute the band from the age.
AGE_BAND_FLOORS = (
    (48, "48_mais"),
    (39, "39_47"),
    (30, "30_38"),
    (27, "27_29"),
    (24, "24_26"),
    (21, "21_23"),
    (18, "18_20"),
    (9, "9_17"),
    (0, "0_8"),
)

RACE_COLOUR = Vocabulary(
    slug="race_colour",
    label=_("Raça/cor (IBGE)"),
    description=_(
        "Classificação de cor ou raça do IBGE, por autodeclaração sempre que possível. "
        "Dado sensível (LGPD, art. 5º, II). Sem correspondência no HTCDS nem no CTDC."
    ),
    entries=(
        entry("branca", _("Branca")),
        entry("preta", _("Preta")),
        entry("parda", _("Parda")),
        entry("amarela", _("Amarela")),
        entry("indigena", _("Indígena")),
    ),
)

EDUCATION = Vocabulary(
    slug="education",
    label=_("Escolaridade"),
    description=_("Maior nível de ensino concluído, alinhado aos níveis da ISCED 2011 usados pelo HTCDS."),
    references={"htcds": "prs_HighestLevelOfEducation"},
    entries=(
        entry("sem_instrucao", _("Sem instrução")),
        entry("educacao_infantil", _("Educação infantil"), htcds="EarlyChildhoodEducation"),
        entry("fundamental_iniciais", _("Ensino fundamental – anos iniciais (1º ao 5º ano)"), htcds="PrimaryEducation"),
        entry(
            "fundamental_finais", _("Ensino fundamental – anos finais (6º ao 9º ano)"), htcds="LowerSecondaryEducation"
        ),
        entry("medio", _("Ensino médio"), htcds="UpperSecondaryEducation"),
        entry(
            "tecnico_subsequente", _("Curso técnico subsequente ao médio"), htcds="PostSecondaryNonTertiaryEducation"
        ),
        entry("superior_tecnologia", _("Superior de tecnologia"), htcds="ShortCycleTertiaryEducation"),
        entry("superior", _("Superior – bacharelado ou licenciatura"), htcds="BachelorsOrEquivalentLevel"),
        entry("mestrado", _("Mestrado"), htcds="MastersOrEquivalentLevel"),
        entry("doutorado", _("Doutorado"), htcds="DoctoralOrEquivalentLevel"),
    ),
)

RELATIONSHIP_TO_RECRUITER = Vocabulary(
    slug="relationship_to_recruiter",
    label=_("Relação com quem aliciou"),
    description=_("Relação da vítima com a pessoa que a aliciou ou a levou à situação de exploração."),
    references={
        "htcds": "vic_RelationshipToTrafficker",
        "ctdc2024": "recruiterRelation*",
        "ctdc6": "RecruiterRelationship, recruiterRelation*",
    },
    entries=(
        entry(
            "parceiro_intimo",
            _("Parceiro(a) íntimo(a), atual ou anterior"),
            htcds=broader("Acquainted"),
            ctdc2024="recruiterRelationIntimatePartner",
            ctdc6=("recruiterRelationIntimatePartner", "Intimate Partner"),
        ),
        entry(
            "familiar",
            _("Familiar ou responsável legal"),
            htcds="Familial",
            ctdc2024="recruiterRelationFamily",
            ctdc6=("recruiterRelationFamily", "Family/Relative"),
        ),
        entry(
            "amigo_conhecido",
            _("Amigo(a) ou conhecido(a)"),
            htcds="Acquainted",
            ctdc2024="recruiterRelationFriend",
            ctdc6=("recruiterRelationFriend", "Friend/Acquaintance"),
        ),
        entry(
            "empregador_intermediario",
            _("Empregador(a), intermediário(a) ou agenciador(a) de mão de obra (“gato”)"),
            ctdc2024=broader("recruiterRelationOther"),
            ctdc6=broader("recruiterRelationOther", "Other"),
        ),
        entry("desconhecido", _("Pessoa desconhecida"), htcds="Unaquainted"),
        entry(
            "outra",
            _("Outra relação"),
            ctdc2024="recruiterRelationOther",
            ctdc6=("recruiterRelationOther", "Other"),
        ),
    ),
)
