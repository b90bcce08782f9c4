"""``pnetp sisetp relatorio-fluxos --ano 2024 --formato pdf|xlsx --saida ARQ``: the annual flows report."""

from pathlib import Path

from pnetp.statistics import flow_report, published

NAME = "relatorio-fluxos"
HELP = "Gera o relatório anual de fluxos de origem e destino das vítimas (tabelas protegidas)."


def add_arguments(parser):
    parser.add_argument(
        "--ano",
        type=int,
        required=True,
        metavar="ANO",
        help="Ano de identificação das vítimas.",
    )
    parser.add_argument(
        "--formato",
        choices=sorted(flow_report.CONTENT_TYPES),
        default="pdf",
        help="pdf ou xlsx.",
    )
    parser.add_argument(
        "--saida",
        metavar="ARQ",
        help="Arquivo de saída (padrão: fluxos-trafico-pessoas-ANO.FMT).",
    )


def handle(command, options):
    year, fmt = options["ano"], options["formato"]
    path = Path(options["saida"] or flow_report.file_name(year, fmt))
    path.write_bytes(flow_report.render(published.flows(year), fmt))
    command.stdout.write(command.style.SUCCESS(f"Relatório de fluxos de {year} gravado em {path}."))
