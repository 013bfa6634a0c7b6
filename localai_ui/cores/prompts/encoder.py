"""Chunks through one CLIP text encoder: embedding vectors swapped in, A1111's layer choice and emphasis."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import torch
from transformers import CLIPTextModel, CLIPTextModelWithProjection
from transformers.modeling_outputs import BaseModelOutputWithPooling
from transformers.models.clip.modeling_clip import CLIPTextModelOutput

from localai_ui.cores.prompts.chunks import PromptChunk
from localai_ui.schemas.prompts import ClipSkipError


@dataclass(frozen=True)
class EncoderLayer:
	"""Which hidden state a prompt reads: `from_end` 1 is the last layer; SD1 normalises a skipped layer, SDXL not."""

	from_end: int
	final_norm: bool


@dataclass(frozen=True)
class EncodedText:
	"""Hidden states of every chunk side by side (1, 77·chunks, dims), and the first chunk's pooled output."""

	hidden: torch.Tensor
	pooled: torch.Tensor | None


def encode_chunks(
	model: CLIPTextModel | CLIPTextModelWithProjection,
	chunks: Sequence[PromptChunk],
	layer: EncoderLayer,
	vectors: Mapping[str, torch.Tensor],
) -> EncodedText:
	"""Encode all chunks in one batch; weights scale each token's state, then each chunk gets its mean back."""
	text_model = model.text_model if isinstance(model, CLIPTextModelWithProjection) else model
	layers = text_model.config.num_hidden_layers
	if layer.from_end > layers:
		raise ClipSkipError(f'clip skip {layer.from_end} is deeper than this text encoder ({layers} layers)')
	device = text_model.embeddings.token_embedding.weight.device
	ids = torch.tensor([chunk.tokens for chunk in chunks], dtype=torch.long, device=device)

	def put_vectors(_: torch.nn.Module, __: tuple[object, ...], output: torch.Tensor) -> torch.Tensor:
		patched = output.clone()
		for row, chunk in enumerate(chunks):
			for fix in chunk.fixes:
				vector = vectors[fix.name].to(device=output.device, dtype=output.dtype)
				patched[row, fix.position : fix.position + vector.shape[0]] = vector
		return patched

	hook = text_model.embeddings.token_embedding.register_forward_hook(put_vectors)
	try:
		with torch.no_grad():
			output: object = model(input_ids=ids, output_hidden_states=True)
			hidden, pooled = _read_output(output, text_model, layer)
			weighted = _emphasis(hidden, [chunk.weights for chunk in chunks])
	finally:
		hook.remove()
	return EncodedText(weighted.reshape(1, -1, weighted.shape[-1]), pooled)


def _emphasis(hidden: torch.Tensor, weights: Sequence[Sequence[float]]) -> torch.Tensor:
	"""A1111's 'Original' emphasis per chunk: scale each token's state, then restore the chunk's mean."""
	factors = torch.tensor(weights, dtype=hidden.dtype, device=hidden.device).unsqueeze(-1)
	original_mean = hidden.mean(dim=(1, 2), keepdim=True)
	weighted = hidden * factors
	new_mean = weighted.mean(dim=(1, 2), keepdim=True)
	restore = torch.where(new_mean != 0, original_mean / new_mean, torch.ones_like(new_mean))
	unweighted = (factors == 1).all(dim=1, keepdim=True)  # exactly as encoded: no rounding from a 1.0 ratio
	return torch.where(unweighted, hidden, weighted * restore)


def _read_output(
	output: object, text_model: CLIPTextModel, layer: EncoderLayer
) -> tuple[torch.Tensor, torch.Tensor | None]:
	if isinstance(output, CLIPTextModelOutput):
		states, last, pooled = output.hidden_states, output.last_hidden_state, output.text_embeds
	elif isinstance(output, BaseModelOutputWithPooling):
		states, last, pooled = output.hidden_states, output.last_hidden_state, None
	else:
		raise TypeError(f'unexpected text encoder output {type(output).__name__}')
	if states is None or last is None:
		raise TypeError('the text encoder returned no hidden states')
	if layer.from_end == 1:
		hidden = last
	elif layer.final_norm:
		hidden = text_model.final_layer_norm(states[-layer.from_end])
	else:
		hidden = states[-layer.from_end]
	return hidden, pooled[:1] if pooled is not None else None
