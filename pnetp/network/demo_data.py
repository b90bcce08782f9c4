"""FICTITIOUS demonstration data of the network: names, addresses, phones and people are invented; the
municipalities are real (IBGE codes) and the public report channels are the real national ones."""

# UFs with a CREAS in the demo (the capital's); every UF gets a NETP in its capital.
CREAS_UFS = ["SP", "RJ", "MG", "BA", "PE", "CE", "PA", "AM", "RS", "PR", "GO", "DF", "MT", "MS", "RR"]
# (code, name, IBGE municipality): shelters, whose address never goes public.
SHELTERS = [
    ("DEMO-ACOLHE-SP", "Casa de Acolhida Horizonte (fictícia)", 3550308),
    ("DEMO-ACOLHE-RJ", "Casa de Passagem Travessia (fictícia)", 3304557),
    ("DEMO-ACOLHE-AM", "Abrigo Rio Aberto (fictício)", 1302603),
    ("DEMO-ACOLHE-PA", "Casa Abrigo Aurora (fictícia)", 1501402),
    ("DEMO-ACOLHE-RR", "Abrigo Fronteira Acolhedora (fictício)", 1400100),
    ("DEMO-ACOLHE-RS", "Casa Lar Caminho Novo (fictícia)", 4314902),
]
PAAHMS = [
    ("DEMO-PAAHM-GRU", "Posto Avançado do Aeroporto de Guarulhos (demonstração)", 3518800),
    ("DEMO-PAAHM-MAO", "Posto Avançado do Aeroporto de Manaus (demonstração)", 1302603),
    ("DEMO-PAAHM-PIN", "Posto Avançado do Porto de Parintins (demonstração)", 1303403),
]
# (code, name, kind, institution sigla, IBGE municipality, services)
OTHERS = [
    ("DEMO-PF-SP", "Superintendência da PF em São Paulo (demonstração)", "policia_federal", "PF", 3550308, ["investigation", "reporting"]),
    ("DEMO-PF-AM", "Superintendência da PF no Amazonas (demonstração)", "policia_federal", "PF", 1302603, ["investigation", "reporting"]),
    ("DEMO-PRF-BA", "Delegacia da PRF em Feira de Santana (demonstração)", "policia_rodoviaria", "PRF", 2910800, ["reporting"]),
    ("DEMO-MPT-PA", "Procuradoria do Trabalho em Marabá (demonstração)", "ministerio_publico", "MPT", 1504208, ["legal", "reporting"]),
    ("DEMO-MPT-MT", "Procuradoria do Trabalho em Cuiabá (demonstração)", "ministerio_publico", "MPT", 5103403, ["legal", "reporting"]),
    ("DEMO-DPU-DF", "Defensoria Pública da União no DF (demonstração)", "defensoria", "DPU", 5300108, ["legal", "documentation"]),
    ("DEMO-SIT-MG", "Gerência de Inspeção do Trabalho em Montes Claros (demonstração)", "inspecao_trabalho", "SIT", 3143302, ["reporting", "employment"]),
]  # fmt: skip
# (code, name, kind, country ISO, services)
ABROAD = [
    ("DEMO-CONS-LIS", "Consulado-Geral do Brasil em Lisboa (demonstração)", "posto_consular", "PT", ["consular", "documentation", "return"]),
    ("DEMO-CONS-MAD", "Consulado-Geral do Brasil em Madri (demonstração)", "posto_consular", "ES", ["consular", "return"]),
    ("DEMO-ORG-BE", "Associação de Apoio a Migrantes em Bruxelas (fictícia)", "organizacao_exterior", "BE", ["psychosocial", "interpretation"]),
]  # fmt: skip

# Real national report channels (public services); contacts as published by their institutions.
# (name, kind, contact, link, hours, languages, libras, scope, institution sigla or "", responsible, countries, description)
CHANNELS = [
    ("Disque 100 — Disque Direitos Humanos", "phone", "100", "tel:100", "24 horas, todos os dias", "português, Libras",
     True, "national", "MDHC", "", [], "Denúncias de violações de direitos humanos, inclusive tráfico de pessoas e trabalho escravo."),
    ("Ligue 180 — Central de Atendimento à Mulher", "phone", "180", "tel:180", "24 horas, todos os dias", "português",
     True, "national", "MMulheres", "", [], "Violência contra a mulher, inclusive tráfico de mulheres."),
    ("Disque 100 pelo WhatsApp", "whatsapp", "(61) 99611-0100", "https://wa.me/5561996110100", "24 horas", "português",
     False, "national", "MDHC", "", [], "O mesmo atendimento do Disque 100 por mensagem."),
    ("Sistema Ipê — denúncia de trabalho escravo", "site", "ipe.sit.trabalho.gov.br", "https://ipe.sit.trabalho.gov.br/",
     "a qualquer hora", "português", False, "national", "SIT", "", [], "Denúncia à Inspeção do Trabalho, anônima."),
    ("MPT Pardal", "app", "Aplicativo MPT Pardal", "https://mpt.mp.br/", "a qualquer hora", "português",
     False, "national", "MPT", "", [], "Denúncias trabalhistas ao Ministério Público do Trabalho, inclusive trabalho escravo."),
    ("Polícia Federal — comunicação de crimes", "site", "gov.br/pf", "https://www.gov.br/pf/pt-br/canais_atendimento/denuncia",
     "a qualquer hora", "português", False, "national", "PF", "", [], "Comunicação de crimes federais, como o tráfico internacional de pessoas."),
    ("Polícia Rodoviária Federal — 191", "phone", "191", "tel:191", "24 horas", "português", False, "national", "PRF", "", [],
     "Emergências e denúncias nas rodovias federais."),
    ("Assistência consular a brasileiros no exterior", "email", "dac@itamaraty.gov.br", "mailto:dac@itamaraty.gov.br",
     "dias úteis", "português, inglês, espanhol", False, "international", "MRE", "", ["PT", "ES", "IT", "BE", "US", "PH", "KH"],
     "Brasileiros vítimas no exterior: procure também o consulado mais próximo."),
    ("Linha de apoio de demonstração em Portugal (fictícia)", "phone", "+351 000 000 000", "", "24 horas", "português",
     False, "international", "", "Serviço fictício de demonstração", ["PT"], "Exemplo de canal de país de destino."),
]  # fmt: skip

GOVERNMENT_SEATS = ["MJSP", "MTE", "MDHC", "MRE", "MDS", "MS", "MEC", "MMulheres"]
# Fictitious civil-society organisations elected by the (real) Edital 1/2025.
CIVIL_SOCIETY_SEATS = [
    ("OSC-CAMINHOS", "Instituto Caminhos Livres (fictício)"),
    ("OSC-TRAVESSIA", "Associação Travessia Segura (fictícia)"),
    ("OSC-AURORA", "Rede Aurora de Apoio a Migrantes (fictícia)"),
    ("OSC-PONTE", "Coletivo Ponte de Direitos (fictício)"),
    ("OSC-RAIZES", "Fundação Raízes do Norte (fictícia)"),
    ("OSC-HORIZONTE", "Centro Horizonte de Direitos Humanos (fictício)"),
    ("OSC-ELO", "Instituto Elo Trabalho Digno (fictício)"),
    ("OSC-ACOLHER", "Associação Acolher sem Fronteiras (fictícia)"),
]
# (slug, name, UF, parity gov, parity civil, civil seats actually filled)
STATE_COMMITTEES = [
    ("cetrap-sp", "Comitê Estadual de Enfrentamento ao Tráfico de Pessoas de São Paulo (demonstração)", "SP", 3, 3, 3),
    ("cetrap-am", "Comitê Estadual de Enfrentamento ao Tráfico de Pessoas do Amazonas (demonstração)", "AM", 3, 3, 3),
    ("cetrap-pa", "Comitê Estadual de Enfrentamento ao Tráfico de Pessoas do Pará (demonstração)", "PA", 3, 3, 2),
]
