"""Simplified Chinese is the Hong Kong Chinese site converted: the same formats."""

from innoportal.formats.zh_Hant.formats import *  # noqa: F403
