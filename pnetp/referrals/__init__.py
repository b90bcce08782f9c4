"""Atendimentos of victims and the referrals (encaminhamentos) between units of the network, with consent
per purpose, deadlines and need-to-know access. In the UI: "Atendimento e encaminhamentos"."""
