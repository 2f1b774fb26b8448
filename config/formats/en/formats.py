"""English dates as a Chinese government site writes them in English: 1 March 2026.

Chinese keeps Django's zh_Hans format (2026年3月1日). Templates ask for the named format
(``|date:"DATE_FORMAT"``), never a literal pattern, so each language gets its own.
"""

DATE_FORMAT = "j F Y"
