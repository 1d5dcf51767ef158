"""Facts → RDF, the embedded store, and building and validating the graph."""
