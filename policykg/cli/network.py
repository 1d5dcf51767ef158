"""The network commands: centrality, communities, bridges, and export for Gephi."""

from __future__ import annotations

import click

from policykg.cli.options import Context, emit, format_option, output_option, pass_context
from policykg.cli.render import render_rows

GRAPHS = {
    "departments": "department_network",
    "bipartite": "department_measure_graph",
    "citations": "citation_graph",
    "cascade": "cascade_network",
}
DEFAULT_TOP = 20
# scores are printed to this many decimal places
SCORE_DIGITS = 6


@click.group()
def network() -> None:
    """networkx analytics: centrality, communities, bridging departments, export for Gephi."""


def _network(ctx: Context, which: str = "departments"):  # noqa: ANN202
    from policykg.queries import network as nw

    with ctx.open(read_only=True) as store:
        return getattr(nw, GRAPHS[which])(store)


def _ranked_rows(graph, ranked) -> list[tuple]:  # noqa: ANN001
    return [
        (r.label, graph.nodes[r.node].get("jurisdiction", ""), round(r.score, SCORE_DIGITS), r.node)
        for r in ranked
    ]


@network.command("centrality")
@click.option(
    "--measure",
    type=click.Choice(["degree", "betweenness", "eigenvector"]),
    default="degree",
    show_default=True,
)
@click.option("--top", type=click.IntRange(min=1), default=DEFAULT_TOP, show_default=True)
@format_option()
@pass_context
def network_centrality(ctx: Context, measure: str, top: int, fmt: str) -> None:
    """Rank departments of the co-responsibility network by centrality."""
    from policykg.queries.network import centrality

    graph = _network(ctx)
    rows = _ranked_rows(graph, centrality(graph, measure, top))
    emit(render_rows(["department", "jurisdiction", measure, "iri"], rows, fmt))


@network.command("communities")
@format_option()
@pass_context
def network_communities(ctx: Context, fmt: str) -> None:
    """Group departments into communities of shared work (Louvain, seeded)."""
    from policykg.queries.network import communities

    graph = _network(ctx)
    rows = [
        (k, len(group), "、".join(sorted(graph.nodes[n]["label"] for n in group)))
        for k, group in enumerate(communities(graph), start=1)
    ]
    emit(render_rows(["community", "size", "departments"], rows, fmt))


@network.command("bridges")
@click.option("--top", type=click.IntRange(min=1), default=DEFAULT_TOP, show_default=True)
@format_option()
@pass_context
def network_bridges(ctx: Context, top: int, fmt: str) -> None:
    """List departments that link communities of departments."""
    from policykg.queries.network import bridges

    graph = _network(ctx)
    emit(
        render_rows(
            ["department", "jurisdiction", "score", "iri"], _ranked_rows(graph, bridges(graph, top)), fmt
        )
    )


@network.command("cascade")
@format_option()
@pass_context
def network_cascade(ctx: Context, fmt: str) -> None:
    """List lower departments and the upper ones whose measures theirs implement (drift where no counterpart)."""
    graph = _network(ctx, "cascade")
    rows = sorted(
        (
            graph.nodes[a]["label"],
            graph.nodes[a]["jurisdiction"],
            graph.nodes[b]["label"],
            graph.nodes[b]["jurisdiction"],
            data["weight"],
            "yes" if data["counterpart"] else "no",
        )
        for a, b, data in graph.edges(data=True)
    )
    rows.sort(key=lambda r: -r[4])
    columns = [
        "lower department",
        "jurisdiction",
        "upper department",
        "upper jurisdiction",
        "linked measures",
    ]
    emit(render_rows([*columns, "counterpart"], rows, fmt))


@network.command("export")
@click.option(
    "--graph",
    "which",
    type=click.Choice(list(GRAPHS)),
    default="departments",
    show_default=True,
    help="departments: co-responsibility; bipartite: departments–measures; citations: what cites what; "
    "cascade: lower department -> upper department, weighted by linked measures.",
)
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), default="graphml", show_default=True)
@output_option("The file to write.")
@pass_context
def network_export(ctx: Context, which: str, fmt: str, output: str) -> None:
    """Write a network as GraphML or GEXF for Gephi, Cytoscape or networkx."""
    from policykg.files import write_with
    from policykg.queries.network import write_graph

    graph = _network(ctx, which)
    write_with(output, lambda tmp: write_graph(graph, str(tmp), fmt))
    click.echo(
        f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}", err=True
    )


COMMANDS = (network,)
