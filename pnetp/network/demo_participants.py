"""Demo participants of the demo trainings (counts by audience, sex and UF; a named list with certificates for
one offering) and two indicators of activity 1.4.1 filled from the registries. Fictitious; idempotent."""

from django.core.management.base import CommandError
from django.utils import timezone

from pnetp.accounts.models import User
from pnetp.monitoring.models import Indicator
from pnetp.monitoring.services.assignment import save_indicator
from pnetp.plans.models import Activity

from .models import Participant, Training
from .services.participants import CountRow, certificates_issue, participant_add, participant_counts_set

# Per demo training (by its turma number): (audience, sex, UF, count) rows; small cells are suppressed in public.
COUNTS = {
    1: [("police", "female", uf, n) for uf, n in (("SP", 40), ("RJ", 31), ("PA", 22), ("RR", 12))]
       + [("police", "male", uf, n) for uf, n in (("SP", 52), ("RJ", 38), ("PA", 27), ("RR", 8))],
    2: [("social_assistance", "female", "AM", 30), ("social_assistance", "male", "AM", 12),
        ("health", "female", "RR", 3)],
    3: [("consular", "female", "--", 34), ("consular", "male", "--", 26)],
}  # fmt: skip
NAMED = [("Participante Fictícia Um", True), ("Participante Fictício Dois", True), ("Participante Fictícia Três", True),
         ("Participante Fictício Quatro", True), ("Participante Fictícia Cinco", False)]  # fmt: skip
MAPPED = [("Capacitações realizadas no período (registro da rede)", "capacitações", "network.trainings"),
          ("Participantes capacitados no período (registro da rede)", "pessoas", "network.participants")]  # fmt: skip


def load(today=None) -> None:
    today = today or timezone.localdate()
    coord = User.objects.filter(username="coordenacao").first()
    if coord is None:
        raise CommandError("Conta coordenacao ausente: carregue as contas de demonstração antes.")
    for n, rows in COUNTS.items():
        training = Training.objects.filter(title__endswith=f"turma {n}").first()
        if training is not None:
            participant_counts_set(coord, training, rows=[CountRow(*row) for row in rows])
    second = Training.objects.filter(title__endswith="turma 2").first()
    if second is not None and not Participant.objects.filter(training=second).exists():
        for number, (name, completed) in enumerate(NAMED, start=1):
            participant_add(coord, second, name=name, email=f"participante{number}@example.org",
                            institution_name="CREAS fictício de Manaus", completed=completed)  # fmt: skip
        if second.end_date is None or second.end_date <= today:
            certificates_issue(coord, second)
    activity = Activity.objects.filter(plan__kind="national", code="1.4.1").order_by("-plan__start_year").first()
    if activity is None:
        return
    for name, unit, source in MAPPED:
        existing = Indicator.objects.filter(activity=activity, name=name).first()
        save_indicator(coord, activity, existing, name=name, unit=unit, registry_source=source, registry_param="")
