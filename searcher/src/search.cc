// Filled in by the search core.
