"""Importing case data into the SISETP: read, translate a layout, validate everything, then write.

Entry points (services): ``batches.run_import`` and ``batches.rollback``; ``jobs`` runs them for the web.
"""
