"""The Settings tab: defaults that persist, live preview, saving, device and memory, the Hugging Face token, System."""
