# Typed surface of the one scipy.special function the Beta schedule uses (scipy ships no stubs for it).
import numpy as np
from numpy.typing import NDArray

def betaincinv(a: float, b: float, y: NDArray[np.float64]) -> NDArray[np.float64]: ...
