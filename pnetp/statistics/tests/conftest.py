"""The statistics tests count records of the SISETP world: its fixtures, defined once in sisetp's conftest."""

from pnetp.sisetp.tests.conftest import fast_password_hasher, places, world  # noqa: F401 (fixtures)
