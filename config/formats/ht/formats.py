"""Haitian Creole dates, as written in Haiti: day, month, year, and the 24-hour clock.

Django ships no Haitian Creole; without these, dates in messages and on the status page would
read "Dec. 1, 2026, 9:30 a.m.". The month names are in our catalogue (cases/date_words.py).
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, G:i"
TIME_FORMAT = "G:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y G:i"
FIRST_DAY_OF_WEEK = 1
