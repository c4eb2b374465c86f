"""Each chapter's figures: chart, the data it draws and its description, computed from the data."""
