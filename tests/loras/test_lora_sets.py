"""LoRA sets switch by weighting resident adapters, and stay exact: after random sequences of set changes, no LoRA
renders the never-touched pixels and a set renders what that set applied fresh renders, bit for bit; the resident
adapters stay within their byte budget; the libraries' load reports never reach the console."""

import random
from dataclasses import replace
from pathlib import Path

import pytest

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraSpec
from tests.loras.conftest import Reference
from tests.loras.lora_builders import lora_spec
from tests.loras.rendering import largest_weight_difference, pixel_difference, render, tiny_model, weights

NAMES = ('sd1_kohya', 'sd1_kohya_b', 'sd1_peft', 'sd1_ldm')
CHANGES = 20


def _random_set(rng: random.Random, specs: dict[str, LoraSpec]) -> list[LoraSpec]:
	chosen = rng.sample(sorted(specs), rng.randint(0, 3))
	return [replace(specs[name], weight=round(rng.uniform(-1.5, 1.5), 2)) for name in chosen]


@pytest.mark.parametrize('seed', [1, 2])
def test_after_twenty_random_set_changes_every_render_is_exact(
	lora_dir: Path, applier: LoraApplier, sd1_reference: Reference, seed: int
) -> None:
	rng = random.Random(seed)
	specs = {name: lora_spec(lora_dir, name) for name in NAMES}
	model = tiny_model(Family.SD1)
	sets = [_random_set(rng, specs) for _ in range(CHANGES)]
	for chosen in sets:
		applier.apply(model, chosen)
	final = sets[-1] or [replace(specs['sd1_peft'], weight=0.9)]
	applier.apply(model, final)
	fresh = tiny_model(Family.SD1)
	LoraApplier(LoraStateCache()).apply(fresh, final)
	assert pixel_difference(render(model.pipeline), render(fresh.pipeline)) == 0
	applier.apply(model, [])
	assert pixel_difference(render(model.pipeline), sd1_reference.pixels) == 0
	assert largest_weight_difference(weights(model.pipeline), sd1_reference.weights) == 0.0


def test_resident_adapters_stay_within_the_budget_least_recently_used_out(lora_dir: Path) -> None:
	specs = [lora_spec(lora_dir, name) for name in NAMES]
	applier = LoraApplier(LoraStateCache(), resident_bytes=1)  # room for the wanted set only
	model = tiny_model(Family.SD1)
	applier.apply(model, specs[:2])
	applier.apply(model, specs[2:3])
	assert len(model.pipeline.get_list_adapters()['unet']) == 1, 'the two unused adapters were dropped'
	assert list(applier.active(model)) == [NAMES[2]]
	roomy = LoraApplier(LoraStateCache())
	roomy.apply(model, specs)
	roomy.apply(model, specs[:1])
	assert len(model.pipeline.get_list_adapters()['unet']) == len(NAMES), 'within budget, every adapter stays'


def test_loading_prints_no_load_report(lora_dir: Path, applier: LoraApplier, capfd: pytest.CaptureFixture[str]) -> None:
	model = tiny_model(Family.SD1)
	applier.apply(model, [lora_spec(lora_dir, 'sd1_kohya'), lora_spec(lora_dir, 'sd1_peft')])
	printed = capfd.readouterr()
	assert 'MISSING' not in printed.err + printed.out and 'LOAD REPORT' not in printed.err + printed.out
