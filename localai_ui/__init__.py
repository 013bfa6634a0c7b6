"""LocalAI UI: a local-first Stable Diffusion studio served by Gradio.

Importing the package switches off everything that would talk to the network unless the user asked for it.
"""

import os

__version__ = '0.1.0'

for _name, _value in (
	('GRADIO_ANALYTICS_ENABLED', 'False'),
	('HF_HUB_OFFLINE', '1'),
	('HF_HUB_DISABLE_TELEMETRY', '1'),
	('DISABLE_TELEMETRY', '1'),
	('DO_NOT_TRACK', '1'),
	('GRADIO_SHARE', 'False'),
):
	os.environ.setdefault(_name, _value)
