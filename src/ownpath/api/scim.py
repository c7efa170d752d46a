"""The SCIM 2.0 endpoint (/scim/v2/…) a company's directory provisions people and teams through.

A thin view: the request goes to ``directory.scim.handle_scim_request`` as it came (the protocol
is scim2-server's, the storage ownpath's); the bearer token chooses the organisation.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ownpath.directory.scim import handle_scim_request


@csrf_exempt
def scim_endpoint(request, path: str = ""):
    """Serve any SCIM request under /scim/ (no session, no CSRF: a bearer token authenticates it)."""
    response = handle_scim_request(
        method=request.method, base_url=request.build_absolute_uri("/scim"), path="/" + path,
        query={key: request.GET.get(key) for key in request.GET},
        headers={key: value for key, value in request.headers.items()}, body=request.body)
    body = b"" if response.body is None else json.dumps(response.body).encode()
    answer = HttpResponse(body, status=response.status.value,
                          content_type=response.headers.get("Content-Type", "application/scim+json"))
    for name, value in response.headers.items():
        if name.lower() != "content-type":
            answer[name] = value
    answer["Cache-Control"] = "no-store"
    return answer
