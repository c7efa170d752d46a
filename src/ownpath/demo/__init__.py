"""Generated demo journals: realistic, seeded personas for the demo and for tests."""
