"""Monitoring pages, one module per area. Views check access, call the services and pick templates."""
