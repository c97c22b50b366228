"""schemathesis against the app's OpenAPI schema: generated requests to every API operation never meet a
server error (5xx), and every reply still carries the security headers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from chronologue.corpus.fill import fill_store
from chronologue.corpus.store import open_store
from chronologue.web.app import create_app
from chronologue.web.security import PAGE_POLICY

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("schema")
    shutil.copytree(DATA / "corpus", root / "in")
    store = open_store(root / "corpus.db")
    fill_store([root / "in"], store)
    return create_app(store, host="testserver", max_upload=20_000)  # the test client's Host


def test_no_server_error(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9

    for operation in operations:
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def no_server_error(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            headers = {name.lower(): values[0] for name, values in response.headers.items()}
            assert headers["x-content-type-options"] == "nosniff"
            if headers.get("content-type", "").startswith("application/json"):
                assert headers["content-security-policy"] == PAGE_POLICY

        no_server_error()
