"""The files the safety checker's folder must hold, and where they come from (read without torch)."""

CHECKER_REPO = 'CompVis/stable-diffusion-safety-checker'
NEEDED = ('config.json', 'model.safetensors')
