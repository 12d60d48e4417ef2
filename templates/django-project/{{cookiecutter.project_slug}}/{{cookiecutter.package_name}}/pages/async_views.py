"""An async view, for the ASGI server: it waits for I/O without holding a worker.

gunicorn's uvicorn workers (gunicorn.conf.py) run an event loop: while this
view waits, the same worker serves other requests, where a sync view would
hold one of a worker's few threads for the whole wait.
"""

import asyncio

from django.http import HttpRequest, JsonResponse

# How long the example's upstream service takes to answer.
UPSTREAM_SECONDS = 0.5


async def upstream_status(request: HttpRequest) -> JsonResponse:
    """Report what an upstream service says.

    The sleep stands for the network round trip: replace it with your own
    awaited call, such as ``await client.get(url)`` with httpx's
    AsyncClient, or an async ORM query (``await Model.objects.acount()``).
    """
    await asyncio.sleep(UPSTREAM_SECONDS)
    return JsonResponse({"upstream": "ok"})
