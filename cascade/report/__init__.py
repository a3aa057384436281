"""Reports planners hand on: every finding of one dataset in one document.

``build_report(store)`` collects everything once through the store protocol
(so it works on the embedded store and on Neo4j alike); writers only format the
result. The format follows the file's extension:

* ``.html`` — one self-contained page: charts, tables, a picture per strategy;
* ``.xlsx`` — one sheet per analysis, frozen headers and filters;
* ``.md`` — Markdown tables; ``.json`` — everything in one object;
* ``.xml`` — JUnit XML, ``.sarif`` — SARIF 2.1.0, for CI systems.
"""

from .collect import build_report
from .model import Report, StrategyView
from .write import SUFFIXES, write_report

__all__ = ["build_report", "write_report", "Report", "StrategyView", "SUFFIXES"]
