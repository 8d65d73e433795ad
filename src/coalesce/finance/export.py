"""The ledger as CSV, for the page's download and the API: the rows of
``selectors.entries`` (the payee masked for the reader), guarded against formulas."""

import tablib

from coalesce.coalitions.member_file import guard_cell
from coalesce.finance import selectors

EXPORT_COLUMNS = (
    "date",
    "description",
    "kind",
    "status",
    "budget_line",
    "debited",
    "credited",
    "amount",
    "payee",
)


def csv_rows(rows) -> list[list[str]]:
    """The ledger's rows as CSV cells (guarded against formulas), masked as on the page."""
    return [
        [
            guard_cell(cell)
            for cell in (
                row.date.isoformat(),
                row.description,
                row.kind,
                row.status,
                row.budget_line,
                "; ".join(row.debits),
                "; ".join(row.credits),
                f"{row.amount:.2f}",
                row.payee.label,
            )
        ]
        for row in rows
    ]


def ledger_csv(actor, year) -> str:
    """The year's ledger as CSV: the same selector, rows and masking as the page."""
    dataset = tablib.Dataset(headers=list(EXPORT_COLUMNS))
    for cells in csv_rows(selectors.entries(actor, year=year)):
        dataset.append(cells)
    return dataset.export("csv")
