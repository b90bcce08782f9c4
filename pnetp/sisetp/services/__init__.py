"""Business rules of the SISETP: vocabularies, data-sharing agreements, identity access."""
