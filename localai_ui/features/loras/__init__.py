"""The LoRAs tab: the LoRA library (scan, hashes, previews), imports and downloads, and LoRAs resolved for a run."""
