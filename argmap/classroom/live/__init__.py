"""``argmap class``: a live class session on the teacher's laptop (Starlette under uvicorn, one SQLite file per session).

Modules: ``store`` (the database), ``session`` (the map and checking contributions), ``limits`` (rate limits),
``drawing`` (map, tally, outcome), ``pages`` and ``static/`` (HTML, JS, CSS), ``app`` (students' routes),
``teacher`` (teacher's routes), ``export`` (overlay CSVs and ratings.csv), ``server`` (starting it).
"""
