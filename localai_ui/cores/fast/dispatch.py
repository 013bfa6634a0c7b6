"""The UNet's `forward` in fast mode: a compiled graph for buckets that have one, eager for the rest, and a new
bucket handed to the background compiler at its first call (which itself runs eager).

Recompile triggers, explicitly: a new bucket; a change of the weights' device, dtype or memory (drops every bucket);
a new model (a new UNet gets its own dispatcher). A LoRA set or weight change is none of them: the buckets stay,
and when Dynamo's guards would retrace for the new adapter state, that call runs eager (a run never compiles) and
the bucket is refreshed in the background.
"""

import logging
import threading
import weakref
from collections.abc import Callable

import torch

from localai_ui.cores.fast.buckets import Bucket, Inputs, Placement, bucket_of, cloned, placement_of
from localai_ui.cores.fast.compile_setup import Compile, CompiledForward, allow_recompiles
from localai_ui.cores.fast.plain_forward import PlainForward, freeze_weights

WARMUP_CALLS = 1  # traces, compiles, autotunes; CUDA graphs are per thread: a run's thread records its own
MAX_REFRESHES = 16  # LoRA states retraced per bucket; past it, new ones run eager (see RECOMPILE_LIMIT)
RECOMPILE_REFUSED = 'Detected recompile'
Submit = Callable[[Callable[[], None]], None]
logger = logging.getLogger(__name__)


class FastUnet:
	"""Installed as `unet.forward`; holds the compiled graph of each bucket and the notes meant for the user."""

	def __init__(self, unet: torch.nn.Module, family: str, compile_fn: Compile, submit: Submit) -> None:
		self.plain = PlainForward(unet)
		self.family = family
		self._compile = compile_fn
		self._submit = submit
		self._lock = threading.Lock()
		self._placement = placement_of(unet)
		self._compiled: CompiledForward | None = None
		self.ready: dict[Bucket, CompiledForward] = {}
		self._asked: dict[Bucket, int] = {}
		self.failed: set[Bucket] = set()
		self._notes: list[str] = []
		self.compiles = 0  # torch.compile calls: one per placement, each bucket then traces its own graph

	def __call__(self, *args: object, **kwargs: object) -> object:
		bucket = bucket_of(self.family, args, kwargs)
		if bucket is None:
			return self.plain(*args, **kwargs)
		with self._lock:
			placement = placement_of(self.plain.unet)
			if placement != self._placement:
				self._placement, self._compiled = placement, None
				self.ready.clear()
				self._asked.clear()
			compiled = self.ready.get(bucket)
		if compiled is not None:
			done, output = self._compiled_call(bucket, compiled, args, kwargs)
			if done:
				return output
		if bucket not in self.failed:
			self._ask(bucket, cloned(args, kwargs), placement)
		return self.plain(*args, **kwargs)

	def _compiled_call(
		self, bucket: Bucket, compiled: CompiledForward, args: tuple[object, ...], kwargs: dict[str, object]
	) -> tuple[bool, object]:
		"""(True, output) from the graph; (False, None) when it would retrace (then eager) or failed (eager for good).
		A LoRA switch turns on `requires_grad` of its adapters (peft): turned off again, a seen state needs no retrace."""
		for _ in range(2):
			try:
				with torch.compiler.set_stance('fail_on_recompile'):
					return True, compiled(*args, **kwargs)
			except torch.OutOfMemoryError:
				raise
			except RuntimeError as error:
				if RECOMPILE_REFUSED not in str(error):
					self._fail(bucket, error)
					return False, None
				if not freeze_weights(self.plain.unet):
					break
		return False, None

	def take_notes(self) -> str:
		"""What fast mode has to tell the user since the last time (a bucket that fell back to eager)."""
		with self._lock:
			notes, self._notes = self._notes, []
		return '; '.join(notes)

	def _ask(self, bucket: Bucket, example: Inputs, placement: Placement) -> None:
		with self._lock:
			if bucket in self.failed or self._asked.get(bucket, 0) >= MAX_REFRESHES:
				return
			asked = self._asked.get(bucket, 0)
			if asked and bucket not in self.ready:
				return  # its first compile is still queued
			self._asked[bucket] = asked + 1
		me = weakref.ref(self)

		def task() -> None:
			dispatcher = me()
			if dispatcher is not None:
				dispatcher.compile_bucket(bucket, example, placement)

		self._submit(task)

	def compile_bucket(self, bucket: Bucket, example: Inputs, placement: Placement) -> None:
		"""Compile (or retrace) `bucket` on the call it was asked for; a failure leaves it eager."""
		if placement_of(self.plain.unet) != placement:
			return  # the model moved or changed since: its next call asks again
		try:
			allow_recompiles()  # Dynamo's settings are per thread: this one is where every graph is traced
			with self._lock:
				if self._compiled is None:
					self._compiled = self._compile(self.plain)
					self.compiles += 1
				compiled = self._compiled
			freeze_weights(self.plain.unet)
			with torch.no_grad():
				for _ in range(WARMUP_CALLS):
					compiled(*example.args, **example.kwargs)
		except Exception as error:  # any compile failure: the bucket runs eager, the run never fails
			self._fail(bucket, error)
			return
		with self._lock:
			if placement == self._placement:
				self.ready[bucket] = compiled

	def _fail(self, bucket: Bucket, error: Exception) -> None:
		with self._lock:
			if bucket in self.failed:
				return
			self.failed.add(bucket)
			self.ready.pop(bucket, None)
			reason = ' '.join(str(error).split())[:200]
			self._notes.append(f'fast mode: {bucket.label} did not compile and runs as usual ({reason})')
		logger.warning('fast mode: %s (%s) did not compile; it runs eager: %s', bucket.label, bucket, error)
