"""The seed buttons: back to random, or the seed of the image shown in the result pane."""

from localai_ui.features.generate.ui.output import OutputSection
from localai_ui.features.generate.ui.parameters import ParametersSection
from localai_ui.services.png_info.infotext import parse_infotext

PRIVATE = 'private'


def seed_of(infotext: str | None) -> int:
	"""The seed written in an infotext, or -1 when there is none."""
	value = parse_infotext(infotext).params.get('Seed', '') if infotext else ''
	return int(value) if value.isdigit() else -1


def wire_seed_buttons(parameters: ParametersSection, output: OutputSection) -> None:
	def random_seed() -> int:
		return -1

	parameters.random_seed.click(random_seed, outputs=parameters.seed, api_visibility=PRIVATE, queue=False)
	parameters.reuse_seed.click(seed_of, output.infotext, parameters.seed, api_visibility=PRIVATE, queue=False)
