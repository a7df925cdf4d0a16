"""Priorities: models arrive with the feature issue."""
