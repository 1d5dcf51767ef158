# After a user's SPARQL Update: the default graph holds the union of the named graphs again.
# Triples the update wrote outside any named graph are kept, in the graph id:updates; a triple the
# update deleted from the default graph only comes back if a named graph still holds it.
INSERT { GRAPH <https://w3id.org/policykg/id/updates> { ?s ?p ?o } }
WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;
DROP DEFAULT ;
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
