"""The pipeline manager and what it is made of: device policy, loading, samplers, previews."""
