from .evaluation import EvaluationIndexPage, EvaluationPage
from .reports import (
    Fulfilment,
    FundingLine,
    IndicatorValue,
    MeasureReport,
    MonitoringRound,
    ReviewState,
)

__all__ = [
    "EvaluationIndexPage",
    "EvaluationPage",
    "Fulfilment",
    "FundingLine",
    "IndicatorValue",
    "MeasureReport",
    "MonitoringRound",
    "ReviewState",
]
