"""Domain logic with no Gradio: pipelines, samplers, previews, prompts, infotexts."""
