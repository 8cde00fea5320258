"""Limits of the project file and of the values it holds: years, text lengths, numbers, units (see the package doc)."""
