"""Infrastructure the features build on: files, image metadata, hashing, downloads."""
