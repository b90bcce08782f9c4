import pytest

from pnetp.accounts.models import User

HEADER = (
    "id_ponto,rodovia,km,latitude,longitude,municipio,uf,grau_risco,tipo_ponto,iluminacao,estacionamento,"
    "criancas,alcool,prostituicao,seguranca_privada,conselho_tutelar,observacoes"
)
# Hand-counted in the tests: SP 2 (baixo, crítico), BA 2 (médio, médio), RS 1 (alto).
SMALL_CSV = "\n".join(
    [
        HEADER,
        'P1,BR-116,"412,5",-23.55,-46.60,São Paulo,SP,baixo,posto,sim,não,,,,,,Perto do pedágio',
        "P2,br116,88.2,-22.91,-47.10,3509502,,Crítico,restaurante,s,n,1,1,1,0,,",
        "P3,BR 324,10,-12.25,-38.95,Feira de Santana,BA,Médio,ponto de ônibus,,,,,,,,",
        "P4,324,11,-12.27,-38.97,2910800,BA,MÉDIO,,não,,,sim,,,,",
        "P5,BR-116,5,-30.05,-51.20,Porto Alegre,RS,alto,bar,,,sim,sim,não,,sim,",
    ]
)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "mapear.csv"
    path.write_text(SMALL_CSV + "\n", encoding="utf-8")
    return path


def make_user(username, role="", **extra):
    return User.objects.create_user(username=username, role=role, password="x", **extra)
