"""`GET /marketplace`: an id made once and kept in the database (the same after a restart on another port,
another for another database), with the marketplace's name; public, and in the OpenAPI document."""

from __future__ import annotations

import uuid

import httpx

from desktop.models.infrastructure.server_process import free_port
from tests.support.server import cleanup, make_server


def _identity(url: str) -> dict:
    response = httpx.get(f"{url}/api/v1/marketplace", timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_marketplace_keeps_its_id_across_restarts_and_ports_and_another_one_has_another():
    server = make_server(offers=0, orders=0, demo=False, extra_env={"BULKDESK_MARKETPLACE_NAME": "North depot"})
    other = make_server(offers=0, orders=0, demo=False)
    try:
        server.start()
        first = _identity(server.url)
        assert first["name"] == "North depot"
        assert uuid.UUID(first["id"])
        server.stop()
        server.port = free_port()
        server.url = f"http://127.0.0.1:{server.port}"
        server.start()
        assert _identity(server.url) == first  # a new port, the same marketplace
        assert _identity(server.url.replace("127.0.0.1", "localhost")) == first  # another spelling
        other.start()
        second = _identity(other.url)
        assert second["id"] != first["id"]
        assert second["name"] == "Bulkdesk marketplace"
        doc = httpx.get(f"{server.url}/openapi.json", timeout=30).json()
        schema = doc["paths"]["/api/v1/marketplace"]["get"]["responses"]["200"]["content"]["application/json"]
        assert schema["schema"]["$ref"].endswith("/MarketplaceOut")
        assert set(doc["components"]["schemas"]["MarketplaceOut"]["required"]) == {"id", "name"}
    finally:
        cleanup(server)
        cleanup(other)
