"""One module per kind of model file: which entries are candidates, how one is read, what it becomes for a run."""
