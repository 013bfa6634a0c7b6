"""The History tab: find any image again, reuse its settings, read any tool's image metadata."""
