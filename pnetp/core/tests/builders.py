"""Test data shaped like the IV PNETP: 5 axes, 26 priority actions, 108 activities (ORM only).

Activities get placeholder texts except a few real ones, chosen for accents ("capacitação",
"órgãos") and stable URLs (/plano/iv-pnetp/1.1.3/).
"""

from pnetp.plans.models import Activity, Axis, Plan, PriorityAction

# (code, title, number of activities in each of its priority actions) as in the official document.
NATIONAL_AXES = [
    ("1", "Estruturação da política", [11, 6, 1, 4]),
    ("2", "Coordenação e parcerias", [6, 8, 3, 2, 4, 5, 3]),
    ("3", "Prevenção", [3, 3, 3, 5, 2, 4]),
    ("4", "Proteção e assistência às vítimas", [4, 6, 2, 2, 4, 5]),
    ("5", "Repressão e responsabilização", [4, 3, 5]),
]

ACTION_TITLES = {
    "1.1": "Potencializar a estruturação e a atuação dos órgãos de enfrentamento ao tráfico de pessoas em âmbito "
    "federal, estadual, distrital e municipal.",
    "1.4": "Elaborar programa nacional de capacitação sobre enfrentamento ao tráfico de pessoas.",
}

ACTIVITY_TEXTS = {
    "1.1.1": "Fortalecer o Comitê Nacional de Enfrentamento ao Tráfico de Pessoas - CONATRAP, garantindo a "
    "periodicidade das reuniões.",
    "1.1.3": "Apoiar a expansão e o fortalecimento da Rede de Núcleos de Enfrentamento ao Tráfico de Pessoas - "
    "NETP e de Postos Avançados de Atendimento Humanizado ao Migrante - PAAHM.",
    "1.4.1": "Mapear e consolidar programas e cursos virtuais de capacitação sobre enfrentamento ao tráfico no "
    "País e avaliar lacunas e necessidades.",
    "2.2.8": "Promover encontros regionais com os principais órgãos, entidades e atores institucionais que "
    "atuam em área de fronteira.",
    "4.1.2": "Organizar capacitações para os profissionais que atuam no controle migratório das principais "
    "fronteiras do País.",
}


def build_plan(
    slug: str = "iv-pnetp",
    status: str = Plan.Status.PUBLISHED,
    axes=NATIONAL_AXES,
    **fields,
) -> Plan:
    fields = {
        "title": "IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas",
        "short_title": "IV PNETP",
        "description": "Objetivos, eixos estratégicos, ações prioritárias e atividades para 2024 a 2028.",
        "start_year": 2024,
        "end_year": 2028,
        **fields,
    }
    plan = Plan.objects.create(slug=slug, status=status, **fields)
    position = 0
    for axis_code, axis_title, action_sizes in axes:
        position += 1
        axis = Axis.objects.create(
            plan=plan,
            code=axis_code,
            title=axis_title,
            description=f"Descrição do eixo {axis_title}.",
            position=position,
        )
        for action_number, size in enumerate(action_sizes, start=1):
            action_code = f"{axis_code}.{action_number}"
            position += 1
            action = PriorityAction.objects.create(
                plan=plan,
                axis=axis,
                code=action_code,
                title=ACTION_TITLES.get(action_code, f"Ação prioritária {action_code} do eixo {axis_title}."),
                position=position,
            )
            for number in range(1, size + 1):
                code = f"{action_code}.{number}"
                position += 1
                Activity.objects.create(
                    plan=plan,
                    action=action,
                    code=code,
                    description=ACTIVITY_TEXTS.get(code, f"Texto de exemplo da atividade {code}."),
                    position=position,
                )
    return plan


def build_small_plan(slug: str, status: str = Plan.Status.PUBLISHED, **fields) -> Plan:
    """One axis, one action, two activities: for visibility tests that need a second plan."""
    return build_plan(slug, status, axes=[("1", "Eixo único", [2])], **fields)
