"""Facts from what staff already have: last year's report (extract, tidy) and this year's spreadsheet
(sheets, merge), written as a commented facts file (writing).

It reads the checker's extractor, so it sits above ``numbers`` in the pipeline, beside the offline writer.
"""
