"""The compose file cannot run here (no container engine), so it is checked by parsing;
every setting the portal reads from the environment is documented in the README."""

import re
from pathlib import Path

import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_compose_runs_the_five_services_with_health_checks():
    services = _compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"
    assert "gunicorn" in services["web"]["command"]
    # web's health is liveness: an outage of the database or Redis restarts nothing.
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "/readyz" not in " ".join(services["web"]["healthcheck"]["test"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "yhteisokeskus", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "yhteisokeskus", "beat"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert services[name]["environment"]["DJANGO_DEBUG"] == "false"


def test_compose_commits_no_secret():
    text = (BASE_DIR / "docker-compose.yml").read_text()
    assert "POSTGRES_PASSWORD:?" in text  # required from .env, never defaulted
    assert "SECRET_KEY" not in text


def test_every_environment_variable_is_documented_in_the_readme():
    source = (BASE_DIR / "yhteisokeskus" / "settings.py").read_text()
    names = set(re.findall(r"""(?:env|env_bool|env_list|required)\(\s*["']([A-Z_]+)["']""", source))
    readme = (BASE_DIR / "README.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert not missing, f"Document these variables in README.md: {missing}"
