from pnetp.accounts.tests.conftest import fast_password_hasher, institution  # noqa: F401 (fixtures)
