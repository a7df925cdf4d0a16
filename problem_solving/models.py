"""Problem solving (SARA): models arrive with the feature issue."""
