"""Interactive views of the graph (pyvis / vis-network) and the audit report, as offline HTML pages."""
