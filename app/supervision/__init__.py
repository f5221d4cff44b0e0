"""supervision layer (see docs/architecture.md)."""
