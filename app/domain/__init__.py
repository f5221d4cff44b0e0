"""Domain model of the console: plain dataclasses, enums and pure rules. No Qt, no database."""
