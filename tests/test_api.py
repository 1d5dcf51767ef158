"""The public API: a small, pinned surface that imports nothing heavy."""

import subprocess
import sys

import pytest

import policykg

from .test_cli import ENV


def test_public_names_are_pinned():
    assert policykg.__all__ == sorted(policykg.__all__)
    assert policykg.__all__ == [
        "BuildReport",
        "FetchSettings",
        "GraphStore",
        "InputError",
        "LinkReport",
        "ParsedSource",
        "PolicyKGError",
        "QueryError",
        "StoreError",
        "StoreLockedError",
        "__version__",
        "audit_cascade",
        "build",
        "cascade_view",
        "counterpart_pairs",
        "fetch_sources",
        "link_documents",
        "open_store",
        "parse_file",
        "read_source",
        "source_view",
        "validate_store",
    ]
    # each name resolves to the object its home module defines, not to a stand-in
    assert policykg.build.__module__ == "policykg.graph.build"
    assert policykg.open_store.__module__ == "policykg.graph.store"
    assert policykg.parse_file.__module__ == "policykg.loaders.extract.pipeline"
    assert policykg.audit_cascade.__module__ == "policykg.queries.cascade"
    assert policykg.counterpart_pairs.__module__ == "policykg.graph.links.counterparts"
    assert issubclass(policykg.StoreLockedError, policykg.StoreError)
    assert issubclass(policykg.InputError, policykg.PolicyKGError)


def test_import_is_light():
    code = "import sys, policykg; print(sorted(m for m in ('spacy', 'pyoxigraph', 'rdflib', 'pyvis') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV
    ).stdout
    assert out.strip() == "[]"


def test_notebook_use(tmp_path):
    from .conftest import EXAMPLES

    report = policykg.build([EXAMPLES / "jiangzhou_city_notice.txt"], tmp_path / "kg")
    assert report.ok and report.measures == 7
    with policykg.open_store(tmp_path / "kg", read_only=True) as store:
        rows = list(
            store.select(
                "PREFIX pol: <https://w3id.org/policykg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                " SELECT ?n WHERE { ?m pol:leadDepartment ?d ; pol:number ?n . ?d skos:altLabel ?alias }"
                " ORDER BY ?n",
            )
        )
    assert [r["n"].value for r in rows] == ["1", "2"]  # 市政务办 = 市政务服务管理办公室 leads both


def test_readme_lookup_with_a_bound_name(tmp_path):
    from .conftest import EXAMPLES

    policykg.build([EXAMPLES], tmp_path / "kg")
    query = """
    PREFIX pol: <https://w3id.org/policykg/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?name ?number ?title WHERE {
      ?d skos:prefLabel|skos:altLabel ?name .
      ?m pol:leadDepartment ?d ; pol:number ?number .
      OPTIONAL { ?m dcterms:title ?title }
    } ORDER BY ?number"""
    with policykg.open_store(tmp_path / "kg", read_only=True) as store:
        rows = [
            (r["number"].value, r["title"].value)
            for r in store.select(query, {"name": "市政务服务管理办公室"})
        ]
        assert rows == [("1", "压缩审批时限"), ("2", "推行“一件事一次办”")]
        hostile = '市政务办" } ?s ?p ?o { "'
        assert list(store.select(query, {"name": hostile})) == []


def test_a_store_closed_twice_stays_closed_and_says_so(tmp_path):
    from policykg.graph.store.embedded import GraphStore

    store = GraphStore(tmp_path / "kg")
    store.close()
    store.close()  # a second close (an explicit one, then the with block's) is harmless
    with pytest.raises(policykg.StoreError, match="closed"):
        store.named_graphs()
    with GraphStore(tmp_path / "kg") as reopened:  # the first store's lock was released
        reopened.close()
    assert reopened.named_graphs is not None


def test_open_store_opens_the_embedded_store_or_a_server_by_what_it_is_given(tmp_path):
    from policykg.graph.store import open_store
    from policykg.graph.store.embedded import GraphStore
    from policykg.graph.store.protocol import SparqlStore
    from policykg.graph.store.server import Endpoint, EndpointStore

    with open_store(tmp_path / "kg") as embedded:
        assert isinstance(embedded, GraphStore)
        assert embedded.named_graphs() == []
    with open_store(Endpoint("http://localhost:1/sparql"), read_only=True) as server:
        assert isinstance(server, EndpointStore) and server.read_only
        with pytest.raises(policykg.StoreError, match="opened read-only"):
            server.remove_graph("https://w3id.org/policykg/id/graph/x")
    wanted = {n for n in vars(SparqlStore) if not n.startswith("_")} - {"path", "read_only"}
    for cls in (GraphStore, EndpointStore):
        assert wanted <= set(dir(cls)), (cls.__name__, sorted(wanted - set(dir(cls))))


def test_a_store_answers_ask_and_construct(tmp_path):
    from .conftest import EXAMPLES

    policykg.build([EXAMPLES / "jiangzhou_city_notice.txt"], tmp_path / "kg")
    pol = "PREFIX pol: <https://w3id.org/policykg/ontology#> "
    with policykg.open_store(tmp_path / "kg", read_only=True) as store:
        assert store.ask(pol + "ASK { ?m pol:number ?n }") is True
        assert store.ask(pol + "ASK { ?m pol:number ?n }", {"n": "no such number"}) is False
        made = store.construct(
            pol + "CONSTRUCT { ?m pol:number ?n } WHERE { ?m a pol:Measure ; pol:number ?n }"
        )
        assert sorted(t.object.value for t in made) == [str(n) for n in range(1, 8)]
        with pytest.raises(policykg.StoreError, match="not an ASK"):
            store.ask(pol + "SELECT ?m WHERE { ?m a pol:Measure ; pol:number ?n }")
