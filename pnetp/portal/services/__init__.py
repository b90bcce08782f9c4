"""Read-only business functions of the transparency portal; views only call these."""
