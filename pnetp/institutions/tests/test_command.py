from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pnetp.institutions.demo import SAMPLE_CSV
from pnetp.institutions.models import Institution

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_institutions", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_sample_file_imports_then_is_unchanged():
    assert "26 criadas, 0 atualizadas, 0 sem alteração" in run(str(SAMPLE_CSV))
    assert Institution.objects.get(acronym="CGETP").parent.parent.acronym == "MJSP"
    assert "0 criadas, 0 atualizadas, 26 sem alteração" in run(str(SAMPLE_CSV))


def test_dry_run_writes_nothing():
    assert run(str(SAMPLE_CSV), "--dry-run").startswith("Simulação, nada foi gravado.")
    assert not Institution.objects.exists()


def test_errors_fail_the_command(tmp_path):
    path = tmp_path / "ruim.csv"
    path.write_text("sigla,nome,natureza\nX,Instituição X,autarquia\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 erro"):
        call_command("import_institutions", str(path), stdout=StringIO(), stderr=err)
    assert 'ruim.csv, linha 2, campo natureza: natureza "autarquia" desconhecida' in err.getvalue()


def test_missing_file():
    with pytest.raises(CommandError, match="Não foi possível ler"):
        run("/nao/existe.csv")
