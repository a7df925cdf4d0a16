"""Engagement: models arrive with the feature issue."""
