"""The "reuse seed" button reads the seed from an infotext; anything without one gives a random seed (-1)."""

import pytest

from localai_ui.features.generate.ui.seed import seed_of

PARAMS = 'Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7'


@pytest.mark.parametrize(
	('infotext', 'seed'),
	[
		(f'a fox\nNegative prompt: blurry\n{PARAMS}, Seed: 1234, Size: 512x512', 1234),
		(f'a fox\n{PARAMS}, Seed: 0, Size: 512x512', 0),
		(f'a fox\n{PARAMS}, Seed: 4294967295', 4294967295),
		(f'a fox\n{PARAMS}, Size: 512x512', -1),
		(f'a fox\n{PARAMS}, Seed: , Size: 512x512', -1),
		(f'a fox\n{PARAMS}, Seed: -1, Size: 512x512', -1),
		('just a prompt', -1),
		('', -1),
	],
)
def test_seed_of(infotext: str, seed: int) -> None:
	assert seed_of(infotext) == seed
