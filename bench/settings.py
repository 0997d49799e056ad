"""The production settings plus two things only the benchmark needs: a constant-JSON
view (the limit of the stack, see bench/urls.py) and a header with the number of
database queries each response took (bench/middleware.py).

bench/run.py sets the production environment (DJANGO_DEBUG=false and the rest) before
gunicorn imports this."""

from yhteisokeskus.settings import *  # noqa: F403
from yhteisokeskus.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# First, so that the session and user lookups of the other middleware are counted too.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
