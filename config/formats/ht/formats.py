"""Haitian Creole dates, as written in Haiti: day, month, year, and the 24-hour clock.

Django ships no Haitian Creole; without these, dates in messages, on the review page and on the
status page would read "Dec. 1, 2026, 9:30 a.m.". The month names are in our catalogue
(cases/date_words.py): "12 avril 1990".
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, G:i"
TIME_FORMAT = "G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y G:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
