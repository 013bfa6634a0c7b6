# Typed surface of the diffusers scheduler members the sampler subclasses in localai_ui/cores/samplers/ use.
from diffusers import SchedulerMixin

class HeunDiscreteScheduler(SchedulerMixin): ...
