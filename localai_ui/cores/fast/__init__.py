"""Fast mode (`--fast`): the UNet compiled per exact input shape (CUDA graphs), compiled in the background."""
