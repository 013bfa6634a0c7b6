"""Checkpoint files and folders: what family a file is (from tensor names and shapes), its offline configs, its sidecars."""
