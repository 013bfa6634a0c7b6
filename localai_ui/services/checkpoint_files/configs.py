"""The offline configs shipped in assets/model_configs: one folder per supported architecture, one CLIP BPE."""

from pathlib import Path

from localai_ui.services.checkpoint_files.detect import Variant

MODEL_CONFIGS_DIR = Path(__file__).resolve().parents[3] / 'assets' / 'model_configs'
CLIP_TOKENIZER_DIR = MODEL_CONFIGS_DIR / 'clip_tokenizer'
TOKENIZER_NAMES = ('tokenizer', 'tokenizer_2')


def config_dir(variant: Variant) -> Path:
	"""model_index.json, component configs, scheduler and tokenizer settings for `variant` (no vocabulary)."""
	return MODEL_CONFIGS_DIR / variant


def is_bundled(folder: Path) -> bool:
	"""Whether `folder` is one of ours (its tokenizers are built from the shared BPE) rather than a sidecar."""
	return folder.resolve().parent == MODEL_CONFIGS_DIR
