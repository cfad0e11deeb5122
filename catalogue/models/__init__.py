from .indexes import SolutionIndexPage, TrialIndexPage, WishIndexPage
from .items import NumberSequence, Solution, Trial, Wish
from .solutions import SolutionDocument, SolutionImage, SolutionPage
from .taxonomy import Organisation, TechnologyCategory
from .trials import TrialMetric, TrialPage
from .wishes import WishPage

__all__ = [
    "NumberSequence",
    "Solution",
    "Trial",
    "Wish",
    "Organisation",
    "SolutionDocument",
    "SolutionImage",
    "SolutionIndexPage",
    "SolutionPage",
    "TechnologyCategory",
    "TrialIndexPage",
    "TrialMetric",
    "TrialPage",
    "WishIndexPage",
    "WishPage",
]
