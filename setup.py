"""Ship the top-level ``templates/`` and ``fixtures/`` folders inside the package.

Everything else about the build is in pyproject.toml. The folders stay at
the top of the repository, where SENCOs and developers find them, and land
in the wheel as ``sendocs/_templates`` and ``sendocs/_fixtures``
(see ``sendocs/resources.py``).
"""

from setuptools import find_packages, setup

DATA = ["*.docx", "*.pdf", "*.yaml", "*.yml", "*.json", "*.csv", "*.xlsx", "*.png", "*.jpg"]

setup(
    packages=[*find_packages(include=["sendocs", "sendocs.*"]), "sendocs._templates",
              "sendocs._fixtures"],
    package_dir={"sendocs._templates": "templates", "sendocs._fixtures": "fixtures"},
    package_data={
        "sendocs": ["data/*", "data/fonts/*", "data/icc/*",
                    "web/templates/*.html", "web/templates/*/*.html", "web/static/*",
                    "web/static/govuk/*"],
        "sendocs._templates": [*DATA, *(f"*/{pattern}" for pattern in DATA)],
        "sendocs._fixtures": [*(f"*/{pattern}" for pattern in DATA),
                              *(f"*/*/{pattern}" for pattern in DATA)],
    },
    include_package_data=False,
)
