"""demo layer (see docs/architecture.md)."""
