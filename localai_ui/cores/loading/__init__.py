"""Models on the device: the device plan, loading checkpoints and folders offline, the RAM cache of loaded models."""
