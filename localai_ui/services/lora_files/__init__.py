"""LoRA files read from their header alone: the tensor layout, family, rank and trigger words."""
