"""Typed records shared by every layer."""
