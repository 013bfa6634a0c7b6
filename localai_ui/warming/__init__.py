"""The engine as the page sees it while torch and diffusers still load: every call waits for the engine, a run
says so while it waits, and nothing here imports torch (so the page is served first)."""
