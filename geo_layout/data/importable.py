"""The collections an import fills: the plan's own records and the values recorded since
(layout elements are drawn, not listed). A module of its own so the CLI names them in its
choices without loading the import engine."""

IMPORTABLE = ("parks", "sites", "enterprises", "targets", "target-values")
