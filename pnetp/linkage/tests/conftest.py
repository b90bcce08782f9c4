"""The SISETP's small world (``pnetp.sisetp.tests.conftest``): the linkage tests link its records."""

from pnetp.sisetp.tests.conftest import *  # noqa: F403 (fixtures and helpers)
from pnetp.sisetp.tests.conftest import FAKE_IDENTITY, make_user  # noqa: F401 (imported by the tests)
