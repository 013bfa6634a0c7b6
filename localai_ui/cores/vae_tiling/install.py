"""VAE tiling as the memory modes switch it: diffusers' own switch (`enable_tiling`, and its size threshold) with the
decode replaced by the exact tiled one; diffusers' blended tiles remain only for a decoder of another shape."""

from typing import Protocol, cast

import torch
from diffusers.models.autoencoders.vae import DecoderOutput
from torch import nn

from localai_ui.cores.vae_tiling.decoder import decode_in_tiles
from localai_ui.cores.vae_tiling.tile_ops import Tiler, UnsupportedLayerError


class TiledDecode(Protocol):
	"""AutoencoderKL.tiled_decode's signature, which `AutoencoderKL._decode` calls for a latent over the tile size."""

	def __call__(self, z: torch.Tensor, return_dict: bool = True) -> DecoderOutput | tuple[torch.Tensor]: ...


class _TiledVae(Protocol):
	tiled_decode: TiledDecode


class ExactTiledDecode:
	"""Decodes one tile at a time on the VAE's device; on a GPU the whole activations wait in RAM between layers."""

	def __init__(self, vae: nn.Module, fallback: TiledDecode) -> None:
		self._vae = vae
		self._fallback = fallback
		self.runs = 0

	def __call__(self, z: torch.Tensor, return_dict: bool = True) -> DecoderOutput | tuple[torch.Tensor]:
		store = torch.device('cpu') if z.device.type == 'cuda' else z.device
		post_quant = getattr(self._vae, 'post_quant_conv', None)
		latents = post_quant(z) if isinstance(post_quant, nn.Module) else z
		decoder = getattr(self._vae, 'decoder', None)
		try:
			if not isinstance(decoder, nn.Module):
				raise UnsupportedLayerError('a VAE without a decoder module')
			sample = decode_in_tiles(decoder, latents, Tiler(z.device, store)).to(z.device)
		except UnsupportedLayerError:
			return self._fallback(z, return_dict=return_dict)
		self.runs += 1
		return DecoderOutput(sample=sample) if return_dict else (sample,)


def install_exact_tiling(vae: nn.Module) -> ExactTiledDecode:
	"""Make `vae`'s tiled decode the exact one (once; later calls return the same)."""
	tiled = cast(_TiledVae, vae)
	if isinstance(tiled.tiled_decode, ExactTiledDecode):
		return tiled.tiled_decode
	exact = ExactTiledDecode(vae, tiled.tiled_decode)
	tiled.tiled_decode = exact
	return exact
