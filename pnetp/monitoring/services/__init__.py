"""Business rules of monitoring as plain functions; views, commands and tests call these."""
