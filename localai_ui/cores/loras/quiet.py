"""Loading a LoRA makes transformers print a "LOAD REPORT" table of MISSING keys and a progress bar for every
text encoder, and peft warn; none of it is news to the user (a LoRA only adds weights), so it is kept off the console
while the applier loads. Real failures still raise and reach the user as LoraLoadError."""

import logging
import warnings
from collections.abc import Generator
from contextlib import contextmanager

from transformers.utils import logging as transformers_logging

LIBRARY_LOGGERS = ('transformers', 'peft', 'diffusers')


@contextmanager
def quiet_library_output() -> Generator[None]:
	"""Errors only from the libraries' loggers, no transformers progress bar, no warnings, for the block."""
	loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
	levels = [logger.level for logger in loggers]
	bars = transformers_logging.is_progress_bar_enabled()
	for logger in loggers:
		logger.setLevel(logging.ERROR)
	transformers_logging.disable_progress_bar()
	try:
		with warnings.catch_warnings():
			warnings.simplefilter('ignore')
			yield
	finally:
		for logger, level in zip(loggers, levels, strict=True):
			logger.setLevel(level)
		if bars:
			transformers_logging.enable_progress_bar()
