"""The team tests' throwaway PostgreSQL cluster: workbench/core/team/local_cluster, which the bench uses too."""

from workbench.core.team.local_cluster import (
    INSTALL_HINT,
    SUPERUSER,
    UNPRIVILEGED_USER,
    ClusterProblem,
    PgCluster,
    find_server_programs,
    start_cluster,
)

__all__ = [
    "INSTALL_HINT",
    "SUPERUSER",
    "UNPRIVILEGED_USER",
    "ClusterProblem",
    "PgCluster",
    "find_server_programs",
    "start_cluster",
]
