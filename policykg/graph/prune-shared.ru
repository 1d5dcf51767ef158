# Forget the shared descriptions no source states anything about any more.
# A node of the shared graph is kept while a source's graph refers to it; a place is also kept while
# it is the jurisdiction of a kept department or actor, or the parent of a kept place (two levels at
# most: a county's city, a city's province). The paths are spelt out: servers differ on `+` paths
# inside NOT EXISTS.
PREFIX pol: <https://w3id.org/policykg/ontology#>
DELETE { GRAPH <https://w3id.org/policykg/id/shared> { ?node ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/policykg/id/shared> { ?node ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?g { ?x ?q ?node }
    FILTER(?g != <https://w3id.org/policykg/id/shared>)
  }
  FILTER NOT EXISTS {
    GRAPH <https://w3id.org/policykg/id/shared> {
      { ?holder pol:jurisdiction|pol:parentJurisdiction ?node }
      UNION { ?holder pol:jurisdiction|pol:parentJurisdiction ?mid . ?mid pol:parentJurisdiction ?node }
      UNION {
        ?holder pol:jurisdiction|pol:parentJurisdiction ?mid . ?mid pol:parentJurisdiction ?top .
        ?top pol:parentJurisdiction ?node
      }
    }
    GRAPH ?g2 { ?y ?r ?holder }
    FILTER(?g2 != <https://w3id.org/policykg/id/shared>)
  }
}
