"""gunicorn settings, read from the working directory by every `gunicorn` started there
(docker compose, the Dockerfile, `make services`); options on the command line win.

Only request limits live here: an over-long request line or header is refused by gunicorn
(400/431) before Django sees it. The body size is capped by Django (DATA_UPLOAD_MAX_MEMORY_SIZE,
uploads 5 MB) and belongs at the proxy in front as well (nginx `client_max_body_size`, see the
README's Production section): gunicorn has no body limit of its own.
"""

# The request line (method, path with query string, protocol); longer gets 414.
limit_request_line = 4094
# Headers per request and the size of one header (cookies included).
limit_request_fields = 50
limit_request_field_size = 8190
