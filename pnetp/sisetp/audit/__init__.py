"""Identity access grants on the web (request, second-person approval, refusal, revocation) and the
auditors' page of the identity access log. The rules live in ``services.grants``."""
