"""Hong Kong English formats: 31 December 2026, 9:30 AM, 31/12/2026; 412,000."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"  # "9:30 AM": no full stop of its own to double at the end of a sentence
DATETIME_FORMAT = "j F Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday, as Hong Kong calendars show it
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
