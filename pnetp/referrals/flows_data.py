"""The three national flows shipped with the platform (version 1), loaded by migration 0002.

Plain data (slug, title, legal basis, stages with the kinds of unit responsible and a deadline in days), so a
new version is a new entry here and a migration, and a state or municipality adapts one by copying it.
"""

TRAFFICKING = {
    "slug": "trafico-de-pessoas",
    "title": "Atendimento a vítimas de tráfico de pessoas",
    "legal_basis": "Lei 13.344/2016; Decreto 5.948/2006; IV Plano Nacional, itens 2.2.2 e 2.2.5",
    "description": "Da identificação ao acompanhamento da vítima, passando pelo acolhimento emergencial e pelos "
    "encaminhamentos à rede de proteção social, saúde, justiça e documentação.",
    "stages": [
        (
            "Identificação",
            "Escuta inicial, avaliação de risco e registro do atendimento.",
            ["netp", "paahm", "policia_federal", "policia_rodoviaria", "policia_civil", "inspecao_trabalho"],
            1,
        ),
        (
            "Acolhimento emergencial",
            "Abrigamento, alimentação, saúde de urgência e proteção imediata.",
            ["shelter", "creas", "saude", "netp"],
            2,
        ),
        (
            "Encaminhamentos à rede",
            "SUAS (CREAS/PAEFI, CRAS/PAIF, CadÚnico), saúde, Defensoria Pública, documentação e programas de proteção.",
            ["creas", "cras", "saude", "defensoria", "centro_pop"],
            15,
        ),
        (
            "Retorno e reintegração",
            "Retorno ao local de origem, quando desejado, e reintegração social e econômica.",
            ["netp", "creas", "cras"],
            60,
        ),
        ("Acompanhamento", "Acompanhamento do plano de atendimento até o encerramento.", ["creas", "netp"], 180),
    ],
}

SLAVE_LABOUR = {
    "slug": "trabalho-escravo",
    "title": "Fluxo Nacional de Atendimento às Vítimas de Trabalho Escravo",
    "legal_basis": "Portaria MMFDH nº 3.484/2021; Lei 7.998/1990, art. 2º-C (seguro-desemprego do trabalhador resgatado)",
    "description": "As três etapas do Fluxo Nacional: denúncia e planejamento, resgate e pós-resgate, com a "
    "assistência social e o seguro-desemprego do trabalhador resgatado.",
    "stages": [
        (
            "Denúncia e planejamento",
            "Recebimento da denúncia e planejamento da fiscalização.",
            ["inspecao_trabalho", "ministerio_publico", "policia_federal", "policia_rodoviaria"],
            10,
        ),
        (
            "Resgate",
            "Fiscalização, resgate dos trabalhadores, verbas rescisórias e emissão das guias do "
            "seguro-desemprego do trabalhador resgatado (Lei 7.998/1990, art. 2º-C).",
            ["inspecao_trabalho", "policia_federal", "policia_rodoviaria", "defensoria", "ministerio_publico"],
            3,
        ),
        (
            "Seguro-desemprego do trabalhador resgatado",
            "Três parcelas de um salário mínimo, requeridas com a guia emitida no resgate.",
            ["inspecao_trabalho"],
            30,
        ),
        (
            "Pós-resgate: assistência social",
            "Acolhimento, CadÚnico e acompanhamento pelo CREAS/PAEFI e CRAS/PAIF.",
            ["creas", "cras", "shelter"],
            15,
        ),
        (
            "Pós-resgate: reinserção",
            "Qualificação profissional, trabalho, renda e retorno ao município de origem.",
            ["cras", "netp", "sociedade_civil"],
            90,
        ),
    ],
}

ABROAD = {
    "slug": "brasileiros-no-exterior",
    "title": "Brasileiros vítimas de tráfico no exterior",
    "legal_basis": "IV Plano Nacional, item 4.6.4",
    "description": "Do posto consular no exterior à chegada ao Brasil e ao acompanhamento pelo NETP da UF de destino.",
    "stages": [
        (
            "Posto consular",
            "Identificação e assistência consular no exterior.",
            ["posto_consular", "organizacao_exterior", "organizacao_internacional"],
            2,
        ),
        ("Ministério das Relações Exteriores", "Comunicação ao MRE e organização do retorno.", ["posto_consular"], 5),
        (
            "Registro antes da chegada",
            "Comunicação ao NETP e ao PAAHM do local de chegada antes do embarque.",
            ["netp", "paahm"],
            2,
        ),
        (
            "Recepção no aeroporto",
            "Recepção pela Polícia Federal e pelo PAAHM, sem revitimização.",
            ["policia_federal", "paahm"],
            1,
        ),
        ("NETP da UF de destino", "Atendimento e encaminhamentos à rede na UF de destino.", ["netp", "creas"], 5),
    ],
}

FLOWS = (TRAFFICKING, SLAVE_LABOUR, ABROAD)


def load(flow_model, stage_model) -> None:
    """Create version 1 of each flow (idempotent); takes the models so a migration can pass historical ones."""
    for spec in FLOWS:
        flow, created = flow_model.objects.get_or_create(
            slug=spec["slug"],
            version=1,
            defaults={k: spec[k] for k in ("title", "legal_basis", "description")},
        )
        if not created:
            continue
        for order, (name, description, kinds, days) in enumerate(spec["stages"], start=1):
            stage_model.objects.create(
                flow=flow, order=order, name=name, description=description, unit_kinds=kinds, deadline_days=days
            )
