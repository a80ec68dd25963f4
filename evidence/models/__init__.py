from .analysis import NeedsAnalysisPage
from .imports import ImportRun
from .population import PopulationFigure, Sex
from .territories import Territory, TerritoryKind

__all__ = [
    "ImportRun",
    "NeedsAnalysisPage",
    "PopulationFigure",
    "Sex",
    "Territory",
    "TerritoryKind",
]
