"""Backend entities → the documented JSON, one module per area (common: links and encoding)."""
