"""VAE decoding tile by tile that gives the untiled image: every 3x3 convolution sees its neighbours' pixels and every
GroupNorm the statistics of the whole image, so only the floating point summation order differs."""
