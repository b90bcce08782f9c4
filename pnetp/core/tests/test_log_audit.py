"""The end-of-session log audit (pnetp.core.testing.log_audit) finds what it is there to find."""

import logging

from pnetp.core.testing import log_audit
from pnetp.sisetp import crypto


def test_cpf_check_digits():
    assert log_audit.is_cpf("52998224725")
    assert not log_audit.is_cpf("52998224724")
    assert not log_audit.is_cpf("11111111111")


def test_a_line_with_a_cpf_or_an_identity_value_is_found():
    values = {"Joana Fictícia de Teste"}
    assert log_audit.personal_data_in("importado cpf=529.982.247-25", values) == ["529.982.247-25"]
    assert log_audit.personal_data_in('{"message": "52998224725"}', values) == ["52998224725"]
    assert log_audit.personal_data_in("pessoa Joana Fictícia de Teste", values) == ["Joana Fictícia de Teste"]
    assert log_audit.personal_data_in('{"ms": "12345678901", "id": 52998224724}', values) == []
    # a request id (uuid4 hex) whose digits happen to hold a valid CPF is not one (it failed a CI run)
    assert log_audit.is_cpf("93405310431")
    assert log_audit.personal_data_in('{"request_id": "48b7dab83c6c4deb9012c93405310431"}', values) == []
    assert log_audit.personal_data_in("cpf 93405310431 recusado", values) == ["93405310431"]


def test_identity_values_and_log_lines_of_the_session_are_recorded():
    token = crypto.encrypt("Nome Fictício Gravado")
    assert "Nome Fictício Gravado" in log_audit.IDENTITY_VALUES
    assert crypto.keyring().decrypt(token) == "Nome Fictício Gravado"
    logging.getLogger("pnetp.test").info("linha de teste do registro de logs")
    assert any("linha de teste do registro de logs" in line for line in log_audit.RECORDER.lines)
