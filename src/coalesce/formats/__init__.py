"""Coalesce's date and time formats per language: Django's, except that a date and time
always names its zone ("T": EAT, CET, UTC), and English writes the day before the month."""
