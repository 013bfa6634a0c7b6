"""safetensors files checked before anything parses them: the first bytes sniffed (pickles, LFS pointers), the header validated."""
