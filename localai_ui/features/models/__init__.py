"""The Models tab: the model library (scan, hashes, defaults), imports and downloads, loading and switching."""
