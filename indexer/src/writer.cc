// Filled in by the writer.
