import shutil

import pytest

from .support import Workspace, make_workspace


@pytest.fixture(scope="session")
def _seeded(tmp_path_factory) -> Workspace:
    return make_workspace(tmp_path_factory.mktemp("seeded"))


@pytest.fixture
def workspace(tmp_path, _seeded) -> Workspace:
    """The mini plan in tmp_path/plan and a store tmp_path/records.db holding one seed figure."""
    ws = Workspace(tmp_path)
    shutil.copytree(_seeded.plan, ws.plan)
    shutil.copy2(_seeded.db, ws.db)
    return ws
