"""Neighbourhood profiles: models arrive with the feature issue."""
