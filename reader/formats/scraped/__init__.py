"""Cleaning scraped text: its units, the vocabulary of page furniture, and the cleaner."""
