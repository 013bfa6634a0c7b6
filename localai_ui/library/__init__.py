"""The asset library: every kind of model file (checkpoints, LoRAs, embeddings, VAEs) scanned, validated before use,
recorded in SQLite, hashed in the background, imported, renamed and deleted the same way. A kind adds its own
validation and metadata in one small module under `kinds/`."""
