"""The ``policykg`` command: a thin layer over the library that formats its results.

Exit codes: 0 success; 1 an input, store or query error, or validation violations; 2 a usage error.
Errors are one line on stderr; data goes to stdout.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from policykg import __version__
from policykg.errors import InputError, PolicyKGError

if TYPE_CHECKING:
    from policykg.graph.store.embedded import GraphStore
    from policykg.graph.store.server import Endpoint, EndpointStore

STORE_HELP = "Store directory (default ./policykg.store, or $POLICYKG_STORE)."


@dataclass
class Context:
    """What every command shares: where the store is (a directory, or a server's endpoint)."""

    store: str
    endpoint: Endpoint | None = None

    def open(self, read_only: bool = False) -> GraphStore | EndpointStore:
        """Return the store the command works on: the server's endpoint when one was given."""
        if self.endpoint is not None:
            from policykg.graph.store.server import EndpointStore

            return EndpointStore(self.endpoint, read_only=read_only)
        from policykg.graph.store.embedded import GraphStore

        return GraphStore(self.store, read_only=read_only)

    @property
    def where(self) -> str:
        """Return the store's name for messages (never with credentials)."""
        return self.endpoint.shown if self.endpoint is not None else self.store


pass_context = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="POLICYKG_STORE",
    default="policykg.store",
    show_default=True,
    type=click.Path(file_okay=False),
    help=STORE_HELP,
)
@click.option(
    "--endpoint",
    envvar="POLICYKG_ENDPOINT",
    metavar="URL",
    help="Work on a SPARQL 1.1 server instead of --store (query URL; or $POLICYKG_ENDPOINT).",
)
@click.option(
    "--update-endpoint",
    envvar="POLICYKG_UPDATE_ENDPOINT",
    metavar="URL",
    help="The server's SPARQL Update URL, when not the query URL.",
)
@click.option(
    "--graph-store",
    envvar="POLICYKG_GRAPH_STORE",
    metavar="URL",
    help="The server's Graph Store Protocol URL: graphs are then replaced whole, by PUT.",
)
@click.version_option(__version__, prog_name="policykg")
@click.pass_context
def cli(
    ctx: click.Context, store: str, endpoint: str | None, update_endpoint: str | None, graph_store: str | None
) -> None:
    """Turn policy notices into a knowledge graph, and ask it who is responsible for what.

    Credentials for a server come from $POLICYKG_ENDPOINT_USER and $POLICYKG_ENDPOINT_PASSWORD or
    ~/.netrc; they are never printed.
    """
    from policykg.graph.store.server import Endpoint

    if endpoint is None and (update_endpoint or graph_store):
        raise click.UsageError("--update-endpoint and --graph-store need --endpoint")
    server = Endpoint(endpoint, update_endpoint, graph_store) if endpoint else None
    ctx.obj = Context(store=store, endpoint=server)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Parse in this many processes.",
)
@pass_context
def build(ctx: Context, paths: tuple[str, ...], quiet: bool, jobs: int) -> None:
    """Parse notices (.txt, .html, .docx, .pdf; directories recursively) into the store.

    Each file becomes one named graph; building a file again replaces its graph. A file that cannot
    be read is reported and skipped, and the store keeps what it had.
    """
    from policykg.graph.build import build as build_graph
    from policykg.loaders.extract.actors import ActorRecognizer, CachedRecognizer

    no_cache = os.environ.get("POLICYKG_NO_CACHE", "") not in ("", "0")
    with ActorRecognizer() if no_cache else CachedRecognizer() as recognizer:
        report = build_graph(
            paths,
            ctx.open() if ctx.endpoint else ctx.store,
            recognizer=recognizer,
            progress=not quiet and sys.stderr.isatty(),
            jobs=jobs,
        )
    for err in report.failed:
        click.echo(f"policykg: error: {err}", err=True)
    if not quiet:
        for f in report.built:
            for warning in f.warnings:
                click.echo(f"policykg: warning: {f.path}: {warning}", err=True)
        docs = sum(f.documents for f in report.built)
        click.echo(
            f"built {len(report.built)} file(s) into {ctx.where}: {docs} documents, {report.measures} measures, "
            f"{report.departments} departments"
            + (f"; {len(report.failed)} file(s) skipped" if report.failed else ""),
            err=True,
        )
    if not report.built and not report.failed:
        raise PolicyKGError("no source files found under the paths given")
    if report.failed:
        sys.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def stats(ctx: Context, fmt: str) -> None:
    """Count documents, measures, departments, legal bases and indicators in the store."""
    from policykg.queries.named import load_query

    with ctx.open(read_only=True) as store:
        rows = {str(r["what"].value): int(r["count"].value) for r in store.select(load_query("stats").sparql)}
        graphs = len(store.named_graphs())
    order = [
        "source files",
        "documents",
        "sections",
        "measures",
        "departments",
        "generic actors",
        "legal bases",
        "indicators",
        "targets",
        "measures without a named department",
    ]
    counts = {k: rows.get(k, 0) for k in order}
    counts["named graphs"] = graphs
    if fmt == "json":
        click.echo(json.dumps(counts, ensure_ascii=False, indent=1))
    else:
        width = max(map(len, counts))
        for k, v in counts.items():
            click.echo(f"{k:<{width}}  {v}")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
    default="ttl",
    show_default=True,
    help="nq and trig keep one named graph per source file.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    show_default=True,
    help="File to write, - for stdout.",
)
@pass_context
def export(ctx: Context, fmt: str, output: str) -> None:
    """Write the whole graph in an RDF format."""

    with ctx.open(read_only=True) as store:
        if output == "-":
            sys.stdout.buffer.write(store.export(None, fmt) or b"")
        else:
            os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
            tmp = f"{output}.part"
            try:
                store.export(tmp, fmt)
            except OSError as exc:
                raise PolicyKGError(f"{output}: cannot write: {exc}") from None
            os.replace(tmp, output)


@cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
    default=None,
    help="The file's format (default: from its extension).",
)
@click.option(
    "--graph", default=None, help="Named graph for a triple format (default: one named after the file)."
)
@pass_context
def import_rdf(ctx: Context, path: str, fmt: str | None, graph: str | None) -> None:
    """Load an RDF export (or any RDF) into the store, replacing the graphs it holds."""
    from policykg.graph.iris import graph_iri, source_key

    fmt = fmt or {
        ".ttl": "ttl",
        ".nt": "nt",
        ".nq": "nq",
        ".trig": "trig",
        ".jsonld": "jsonld",
        ".json": "jsonld",
    }.get(os.path.splitext(path)[1].lower())
    if fmt is None:
        raise PolicyKGError(f"{path}: cannot tell the format from the extension; give --format")
    if graph is None and fmt not in ("nq", "trig"):
        graph = graph_iri("imported/" + source_key(os.path.basename(path)))
    with ctx.open() as store:
        graphs = store.import_file(path, fmt, graph)
    click.echo(f"imported {len(graphs)} graph(s) from {path}", err=True)


@cli.command()
@click.option(
    "--endpoint",
    "endpoint_url",
    metavar="URL",
    help="The server's query URL (default: the global --endpoint).",
)
@click.option("--update-endpoint", metavar="URL", help="Its SPARQL Update URL, when not the query URL.")
@click.option("--graph-store", metavar="URL", help="Its Graph Store Protocol URL (graphs are PUT whole).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@pass_context
def push(
    ctx: Context,
    endpoint_url: str | None,
    update_endpoint: str | None,
    graph_store: str | None,
    quiet: bool,
) -> None:
    """Upload every named graph of the --store directory to a SPARQL server, replacing its copies.

    Pushing twice changes nothing. Afterwards, --endpoint URL runs any command on the server.
    """
    from policykg.graph.store.embedded import GraphStore
    from policykg.graph.store.server import Endpoint, EndpointStore
    from policykg.graph.store.server import push as push_graphs

    if endpoint_url is not None:
        server = Endpoint(endpoint_url, update_endpoint, graph_store)
    elif ctx.endpoint is not None:
        server = ctx.endpoint
    else:
        raise click.UsageError("push needs --endpoint URL (the server to upload to)")
    with GraphStore(ctx.store, read_only=True) as source, EndpointStore(server) as target:
        graphs = push_graphs(source, target, progress=not quiet and sys.stderr.isatty())
    if not quiet:
        click.echo(f"pushed {len(graphs)} graph(s) from {ctx.store} to {server.shown}", err=True)


@cli.command()
@click.option("--shapes", is_flag=True, help="Print the SHACL shapes instead of the OWL ontology.")
def ontology(shapes: bool) -> None:
    """Print the policykg ontology (OWL, Turtle)."""
    from policykg.ontology import ontology_text, shapes_text

    click.echo(shapes_text() if shapes else ontology_text(), nl=False)


@cli.command()
@click.option("--verbose", "-v", is_flag=True, help="Print pySHACL's full report.")
@pass_context
def validate(ctx: Context, verbose: bool) -> None:
    """Check the store against the SHACL shapes; exit 1 on any violation."""
    from policykg.graph.store.validate import validate_store

    with ctx.open(read_only=True) as store:
        result = validate_store(store)
    if verbose or not result.conforms:
        click.echo(result.text)
    click.echo(f"{'conforms' if result.conforms else 'does not conform'}: {result.violations} violation(s)")
    if not result.conforms:
        sys.exit(1)


def _format_option(choices: tuple[str, ...] = ("table", "csv", "tsv", "json")):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help="table for people; csv, tsv and json for scripts.",
    )


def _jurisdiction_option():
    return click.option(
        "--jurisdiction", "-j", default=None, help="The jurisdiction, where a name is used in several."
    )


def _emit(data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@cli.command("queries")
@_format_option()
def list_named_queries(fmt: str) -> None:
    """List the named queries with what each answers and its parameters."""
    from policykg.cli.render import render_rows
    from policykg.queries.named import list_queries

    rows = [
        (q.name, q.title, ", ".join(f"{p.name} ({p.type})" for p in q.params) or "-") for q in list_queries()
    ]
    if fmt == "table":
        for name, title, params in rows:
            click.echo(f"{name:<26} {title}  [parameters: {params}]")
    else:
        _emit(render_rows(["name", "title", "parameters"], rows, fmt))


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


@cli.command("query")
@click.argument("name")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A parameter value (repeatable)."
)
@_jurisdiction_option()
@_format_option()
@pass_context
def named_query(ctx: Context, name: str, params: tuple[str, ...], jurisdiction: str | None, fmt: str) -> None:
    """Run a named query (see `policykg queries`); parameters are bound, never pasted into the query."""
    from policykg.cli.render import render_solutions
    from policykg.queries.run import run_named

    with ctx.open(read_only=True) as store:
        _emit(render_solutions(run_named(store, name, _parse_params(params), jurisdiction), fmt))


@cli.command()
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "ttl", "nt"]),
    default="table",
    show_default=True,
    help="Results: table, csv, tsv, json (W3C formats). Graphs: ttl, nt.",
)
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL Update to change the store.")
@pass_context
def sparql(ctx: Context, query: str, fmt: str, allow_update: bool) -> None:
    """Run SPARQL over all graphs: QUERY is the text, a .rq file, or - for stdin.

    SELECT, ASK, CONSTRUCT and DESCRIBE are answered; an update is refused unless --allow-update.
    """
    from pyoxigraph import QueryBoolean, QueryTriples

    from policykg.cli.render import render_boolean, render_graph, render_solutions
    from policykg.queries.run import is_update, run_sparql, run_update

    text = _query_text(query)
    if is_update(text):
        if not allow_update:
            raise PolicyKGError(
                "this is a SPARQL update; it changes the store and runs only with --allow-update"
            )
        with ctx.open() as store:
            run_update(store, text)
        click.echo("update applied", err=True)
        return
    with ctx.open(read_only=True) as store:
        result = run_sparql(store, text)
        if isinstance(result, QueryTriples):
            _emit(render_graph(result, fmt if fmt in ("ttl", "nt") else "ttl"))
        elif isinstance(result, QueryBoolean):
            _emit(render_boolean(result, fmt))
        else:
            if fmt in ("ttl", "nt"):
                raise PolicyKGError(
                    f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT gives table, csv, tsv or json"
                )
            _emit(render_solutions(result, fmt))


def _query_text(query: str) -> str:
    if query == "-":
        return sys.stdin.read()
    if query.endswith((".rq", ".sparql")) or (
        len(query) < 300 and "\n" not in query and os.path.isfile(query)
    ):
        try:
            with open(query, encoding="utf-8") as f:
                return f.read()
        except OSError as exc:
            raise PolicyKGError(f"{query}: cannot read: {exc.strerror}") from None
    return query


def _involvement_rows(inv) -> list[tuple]:
    return [
        (m.role, m.document_title, m.number, m.title, _excerpt(m.text), m.inherited, m.measure)
        for items in inv.by_role.values()
        for m in items
    ]


def _excerpt(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _show_involvement(inv, fmt: str) -> None:
    from policykg.cli.render import render_rows

    columns = ["role", "document", "number", "title", "excerpt", "inherited", "measure"]
    if fmt != "table":
        _emit(render_rows(columns, _involvement_rows(inv), fmt))
        return
    d = inv.department
    also = f"; also written {'、'.join(d.aliases)}" if d.aliases else ""
    click.echo(f"{d.label} ({d.jurisdiction or 'jurisdiction unknown'}{also})")
    if not inv.by_role:
        click.echo("  no measures")
    names = {"lead": "leads", "responsible": "is responsible for", "co": "co-operates on"}
    for role, items in inv.by_role.items():
        click.echo(f"\n{names[role]} {len(items)} measure(s)")
        document = None
        for m in items:
            if m.document_title != document:
                document = m.document_title
                click.echo(f"  {document}")
            title = m.title or ""
            mark = " (from its heading)" if m.inherited else ""
            click.echo(f"    {m.number:>4}  {title}{mark}  {_excerpt(m.text, 40)}")


@cli.command()
@click.argument("dept")
@_jurisdiction_option()
@_format_option()
@pass_context
def leads(ctx: Context, dept: str, jurisdiction: str | None, fmt: str) -> None:
    """List the measures DEPT leads (a name or any alias), grouped by document."""
    from policykg.queries.lookup import involvement, resolve_department

    with ctx.open(read_only=True) as store:
        inv = involvement(store, resolve_department(store, dept, jurisdiction))
    inv.by_role = {r: ms for r, ms in inv.by_role.items() if r == "lead"}
    _show_involvement(inv, fmt)


@cli.command()
@click.argument("dept")
@click.option(
    "--role",
    type=click.Choice(["lead", "responsible", "co"]),
    multiple=True,
    help="Only these roles (repeatable); all by default.",
)
@_jurisdiction_option()
@_format_option()
@pass_context
def involves(ctx: Context, dept: str, role: tuple[str, ...], jurisdiction: str | None, fmt: str) -> None:
    """List every measure DEPT has a role in, grouped by role and document."""
    from policykg.queries.lookup import involvement, resolve_department

    with ctx.open(read_only=True) as store:
        inv = involvement(store, resolve_department(store, dept, jurisdiction))
    if role:
        inv.by_role = {r: ms for r, ms in inv.by_role.items() if r in role}
    _show_involvement(inv, fmt)


@cli.command()
@_format_option()
@pass_context
def departments(ctx: Context, fmt: str) -> None:
    """List departments with how many measures each leads, is responsible for and co-operates on."""
    from policykg.cli.render import render_rows
    from policykg.queries.run import run_named
    from policykg.queries.values import term_value

    with ctx.open(read_only=True) as store:
        result = run_named(store, "departments-by-load")
        rows = [
            [
                term_value(s[c])
                for c in ("name", "jurisdiction", "lead", "responsible", "cooperating", "measures")
            ]
            for s in result
        ]
    _emit(render_rows(["department", "jurisdiction", "lead", "responsible", "co", "measures"], rows, fmt))


@cli.command()
@click.argument("subject", type=click.Choice(["orphans", "coverage", "indicators", "deadlines", "citations"]))
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="deadlines: the date to judge against (default today).",
)
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="deadlines: days after --as-of that count as due.",
)
@click.option(
    "--many-leads",
    type=click.IntRange(min=2),
    default=3,
    show_default=True,
    help="coverage: how many leads make responsibility diffused.",
)
@click.option(
    "--fail-on-findings", is_flag=True, help="Exit 1 when the audit finds anything (for pipelines)."
)
@_format_option()
@pass_context
def audit(
    ctx: Context, subject: str, as_of, within: int, many_leads: int, fail_on_findings: bool, fmt: str
) -> None:
    """Audit responsibility: orphans, coverage, indicators, deadlines or citations."""
    from policykg.cli.render import render_audit
    from policykg.queries.audits import AUDITS

    options = {
        "deadlines": {"as_of": as_of.date() if as_of else None, "within": within},
        "coverage": {"many_leads": many_leads},
    }.get(subject, {})
    with ctx.open(read_only=True) as store:
        result = AUDITS[subject](store, **options)
    _emit(render_audit(result, fmt))
    if fail_on_findings and result.findings:
        click.echo(f"policykg: {result.findings} finding(s)", err=True)
        sys.exit(1)


GRAPHS = {
    "departments": "department_network",
    "bipartite": "department_measure_graph",
    "citations": "citation_graph",
}


@cli.group()
def network() -> None:
    """networkx analytics: centrality, communities, bridging departments, export for Gephi."""


def _network(ctx: Context, which: str = "departments"):
    from policykg.queries import network as nw

    with ctx.open(read_only=True) as store:
        return getattr(nw, GRAPHS[which])(store)


@network.command("centrality")
@click.option(
    "--measure",
    type=click.Choice(["degree", "betweenness", "eigenvector"]),
    default="degree",
    show_default=True,
)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@_format_option()
@pass_context
def network_centrality(ctx: Context, measure: str, top: int, fmt: str) -> None:
    """Rank departments of the co-responsibility network by centrality."""
    from policykg.cli.render import render_rows
    from policykg.queries.network import centrality

    graph = _network(ctx)
    rows = [
        (r.label, graph.nodes[r.node].get("jurisdiction", ""), round(r.score, 6), r.node)
        for r in centrality(graph, measure, top)
    ]
    _emit(render_rows(["department", "jurisdiction", measure, "iri"], rows, fmt))


@network.command("communities")
@_format_option()
@pass_context
def network_communities(ctx: Context, fmt: str) -> None:
    """Group departments into communities of shared work (Louvain, seeded)."""
    from policykg.cli.render import render_rows
    from policykg.queries.network import communities

    graph = _network(ctx)
    rows = [
        (k, len(group), "、".join(sorted(graph.nodes[n]["label"] for n in group)))
        for k, group in enumerate(communities(graph), start=1)
    ]
    _emit(render_rows(["community", "size", "departments"], rows, fmt))


@network.command("bridges")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@_format_option()
@pass_context
def network_bridges(ctx: Context, top: int, fmt: str) -> None:
    """List departments that link communities of departments."""
    from policykg.cli.render import render_rows
    from policykg.queries.network import bridges

    graph = _network(ctx)
    rows = [
        (r.label, graph.nodes[r.node].get("jurisdiction", ""), round(r.score, 6), r.node)
        for r in bridges(graph, top)
    ]
    _emit(render_rows(["department", "jurisdiction", "score", "iri"], rows, fmt))


@network.command("export")
@click.option(
    "--graph",
    "which",
    type=click.Choice(list(GRAPHS)),
    default="departments",
    show_default=True,
    help="departments: co-responsibility; bipartite: departments–measures; citations: what cites what.",
)
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), default="graphml", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
@pass_context
def network_export(ctx: Context, which: str, fmt: str, output: str) -> None:
    """Write a network as GraphML or GEXF for Gephi, Cytoscape or networkx."""
    from policykg.queries.network import write_graph

    graph = _network(ctx, which)
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    tmp = f"{output}.part"
    write_graph(graph, tmp, fmt)
    os.replace(tmp, output)
    click.echo(
        f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}", err=True
    )


@cli.group()
def viz() -> None:
    """Interactive offline HTML views (vis-network inlined; no request leaves the page)."""


def _output_option():
    return click.option(
        "--output", "-o", type=click.Path(dir_okay=False), required=True, help="The .html file to write."
    )


def _write_view(ctx: Context, make, output: str) -> None:  # noqa: ANN001
    from policykg.viz.page import write_view

    with ctx.open(read_only=True) as store:
        net = make(store)
    write_view(net, output)
    note = getattr(net, "policykg_meta", None)
    click.echo(
        f"wrote {len(net.nodes)} nodes and {len(net.edges)} edges to {output}"
        + (f" ({note.note})" if note and note.note else ""),
        err=True,
    )


@viz.command("overview")
@_output_option()
@click.option(
    "--aggregate-above",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Above this many measures, draw one node per section.",
)
@pass_context
def viz_overview(ctx: Context, output: str, aggregate_above: int) -> None:
    """Documents → sections → measures → departments and cited documents."""
    from policykg.viz.views import overview_view

    _write_view(ctx, lambda s: overview_view(s, aggregate_above=aggregate_above), output)


@viz.command("department")
@click.argument("dept")
@click.option(
    "--depth",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="2 adds the measures of the departments it shares work with.",
)
@_jurisdiction_option()
@_output_option()
@pass_context
def viz_department(ctx: Context, dept: str, depth: int, jurisdiction: str | None, output: str) -> None:
    """One department's measures by role, their documents and its partners."""
    from policykg.queries.lookup import resolve_department
    from policykg.viz.views import department_view

    _write_view(
        ctx, lambda s: department_view(s, resolve_department(s, dept, jurisdiction).iri, depth), output
    )


@viz.command("network")
@_output_option()
@pass_context
def viz_network(ctx: Context, output: str) -> None:
    """The co-responsibility network: width = shared measures, size = measures led, colour = community."""
    from policykg.viz.views import network_view

    _write_view(ctx, network_view, output)


@viz.command("citations")
@_output_option()
@pass_context
def viz_citations(ctx: Context, output: str) -> None:
    """Documents and measures → what they cite, by level (national … county)."""
    from policykg.viz.views import citations_view

    _write_view(ctx, citations_view, output)


@viz.command("indicators")
@_output_option()
@pass_context
def viz_indicators(ctx: Context, output: str) -> None:
    """Indicators ↔ measures ↔ departments; unserved indicators and orphan measures highlighted."""
    from policykg.viz.views import indicators_view

    _write_view(ctx, indicators_view, output)


@cli.command()
@_output_option()
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge deadlines as of this date.",
)
@click.option("--no-views", is_flag=True, help="Write only the report, not the views it links to.")
@pass_context
def report(ctx: Context, output: str, as_of, no_views: bool) -> None:
    """Write the audit report (findings, workload chart, department × document matrix) and its views."""
    from policykg.viz.report import write_report

    with ctx.open(read_only=True) as store:
        files = write_report(store, output, as_of.date() if as_of else None, with_views=not no_views)
    click.echo(f"wrote {', '.join(str(f) for f in files)}", err=True)


def main() -> None:
    """Run the command line; turn every error into one line on stderr and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("policykg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except InputError as exc:
        click.echo(f"policykg: error: {exc}", err=True)
        sys.exit(1)
    except PolicyKGError as exc:
        click.echo(f"policykg: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("policykg: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # a file we were told to write or read: the user's to fix
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(f"policykg: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: still one line, with a way to see more
        if os.environ.get("POLICYKG_DEBUG"):
            raise
        click.echo(
            f"policykg: internal error: {type(exc).__name__}: {exc} (set POLICYKG_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":  # pragma: no cover
    main()
