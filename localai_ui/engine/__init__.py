"""The engine: torch, diffusers and everything that runs on the device, built on a thread after the page is served
(`build_parts`). Nothing the page imports may import this package; context.py loads it by name on that thread."""
