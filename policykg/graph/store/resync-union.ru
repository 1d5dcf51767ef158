# Runs after a user's SPARQL Update, which ran on an empty default graph: what the update wrote
# there (outside any named graph) is kept in the graph id:updates, and the default graph becomes
# the union of the named graphs again.
INSERT { GRAPH <https://w3id.org/policykg/id/updates> { ?s ?p ?o } } WHERE { ?s ?p ?o } ;
DROP DEFAULT ;
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
