"""The reverse of diffusers' single-file conversion: diffusers state dicts renamed to the A1111/LDM key layout."""

from collections.abc import Mapping, Sequence

import torch

Tensors = dict[str, torch.Tensor]
Rule = tuple[str, str, Sequence[tuple[str, str]]]
_NONE: tuple[tuple[str, str], ...] = ()
_UNET_RESNET = (
	('norm1', 'in_layers.0'),
	('conv1', 'in_layers.2'),
	('norm2', 'out_layers.0'),
	('conv2', 'out_layers.3'),
	('time_emb_proj', 'emb_layers.1'),
	('conv_shortcut', 'skip_connection'),
)
_VAE_RESNET = (('conv_shortcut', 'nin_shortcut'),)
_VAE_ATTENTION = (
	('group_norm.', 'norm.'),
	('to_q.', 'q.'),
	('to_k.', 'k.'),
	('to_v.', 'v.'),
	('to_out.0.', 'proj_out.'),
)
_OPEN_CLIP = (
	('text_model.encoder.layers.', 'transformer.resblocks.'),
	('layer_norm1', 'ln_1'),
	('layer_norm2', 'ln_2'),
	('.fc1.', '.c_fc.'),
	('.fc2.', '.c_proj.'),
	('.self_attn.', '.attn.'),
	('text_model.final_layer_norm.', 'ln_final.'),
	('text_model.embeddings.token_embedding.weight', 'token_embedding.weight'),
	('text_model.embeddings.position_embedding.weight', 'positional_embedding'),
)


def _rename(state: Mapping[str, torch.Tensor], rules: Sequence[Rule], prefix: str) -> Tensors:
	"""Each key takes the first rule whose diffusers prefix it starts with; keys no rule names keep their name."""
	renamed: Tensors = {}
	for key, value in state.items():
		old, new, inner = next((rule for rule in rules if key.startswith(rule[0])), ('', '', _NONE))
		rest = key.removeprefix(old)
		for source, target in inner:
			rest = rest.replace(source, target)
		renamed[prefix + new + rest] = value
	return renamed


def unet_to_ldm(state: Mapping[str, torch.Tensor], layers_per_block: int, up_block_types: Sequence[str]) -> Tensors:
	"""UNet2DConditionModel keys -> `model.diffusion_model.*` (input, middle and output blocks)."""
	per_level = layers_per_block + 1
	rules: list[Rule] = [
		('time_embedding.linear_1.', 'time_embed.0.', _NONE),
		('time_embedding.linear_2.', 'time_embed.2.', _NONE),
		('add_embedding.linear_1.', 'label_emb.0.0.', _NONE),
		('add_embedding.linear_2.', 'label_emb.0.2.', _NONE),
		('conv_in.', 'input_blocks.0.0.', _NONE),
		('conv_norm_out.', 'out.0.', _NONE),
		('conv_out.', 'out.2.', _NONE),
		('mid_block.resnets.0.', 'middle_block.0.', _UNET_RESNET),
		('mid_block.attentions.0.', 'middle_block.1.', _NONE),
		('mid_block.resnets.1.', 'middle_block.2.', _UNET_RESNET),
	]
	for i, up_type in enumerate(up_block_types):
		for j in range(layers_per_block):
			block = per_level * i + j + 1
			rules.append((f'down_blocks.{i}.resnets.{j}.', f'input_blocks.{block}.0.', _UNET_RESNET))
			rules.append((f'down_blocks.{i}.attentions.{j}.', f'input_blocks.{block}.1.', _NONE))
		rules.append((f'down_blocks.{i}.downsamplers.0.conv.', f'input_blocks.{per_level * (i + 1)}.0.op.', _NONE))
		for j in range(per_level):
			rules.append((f'up_blocks.{i}.resnets.{j}.', f'output_blocks.{per_level * i + j}.0.', _UNET_RESNET))
			rules.append((f'up_blocks.{i}.attentions.{j}.', f'output_blocks.{per_level * i + j}.1.', _NONE))
		slot = 2 if 'CrossAttn' in up_type else 1
		rules.append(
			(f'up_blocks.{i}.upsamplers.0.', f'output_blocks.{per_level * i + layers_per_block}.{slot}.', _NONE)
		)
	return _rename(state, rules, 'model.diffusion_model.')


def vae_to_ldm(state: Mapping[str, torch.Tensor], levels: int) -> Tensors:
	"""AutoencoderKL keys -> `first_stage_model.*`; attention projections become 1x1 convolutions as in LDM."""
	rules: list[Rule] = []
	for part in ('encoder', 'decoder'):
		rules.append((f'{part}.conv_norm_out.', f'{part}.norm_out.', _NONE))
		rules.append((f'{part}.mid_block.attentions.0.', f'{part}.mid.attn_1.', _VAE_ATTENTION))
		rules.extend((f'{part}.mid_block.resnets.{i}.', f'{part}.mid.block_{i + 1}.', _VAE_RESNET) for i in range(2))
	for i in range(levels):
		rules.append((f'encoder.down_blocks.{i}.downsamplers.0.', f'encoder.down.{i}.downsample.', _NONE))
		rules.append((f'encoder.down_blocks.{i}.resnets.', f'encoder.down.{i}.block.', _VAE_RESNET))
		rules.append((f'decoder.up_blocks.{i}.upsamplers.0.', f'decoder.up.{levels - 1 - i}.upsample.', _NONE))
		rules.append((f'decoder.up_blocks.{i}.resnets.', f'decoder.up.{levels - 1 - i}.block.', _VAE_RESNET))
	renamed = _rename(state, rules, 'first_stage_model.')
	return {
		key: value[:, :, None, None] if '.attn_1.' in key and key.endswith('.weight') and value.ndim == 2 else value
		for key, value in renamed.items()
	}


def clip_to_ldm(state: Mapping[str, torch.Tensor], prefix: str) -> Tensors:
	"""CLIPTextModel keys (transformers >= 5.6 drops `text_model.`) -> `<prefix>text_model.*`."""
	return {f'{prefix}text_model.{key.removeprefix("text_model.")}': value for key, value in state.items()}


def open_clip_to_ldm(state: Mapping[str, torch.Tensor], prefix: str) -> Tensors:
	"""CLIPTextModelWithProjection keys -> OpenCLIP names, q/k/v fused into in_proj, the projection transposed."""
	fused: Tensors = {}
	for key, value in state.items():
		if key == 'text_projection.weight':
			fused['text_projection'] = value.T.contiguous()
		elif '.self_attn.q_proj.' in key:
			parts = [state[key.replace('.q_proj.', f'.{name}.')] for name in ('q_proj', 'k_proj', 'v_proj')]
			fused[key.replace('.q_proj.', '.in_proj_')] = torch.cat(parts)
		elif '.self_attn.k_proj.' not in key and '.self_attn.v_proj.' not in key:
			fused[key] = value
	return _rename(fused, [('', '', _OPEN_CLIP)], prefix)
