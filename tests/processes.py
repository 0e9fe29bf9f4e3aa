"""Environments for the processes tests start: the site, its scripts, its services."""

import os


def child_environment(unset=(), **values):
    """This process's environment without the variables named in ``unset``, with ``values`` set.

    Leaving a variable out matters as much as setting one: a ``DATABASE_URL`` or ``DEBUG`` from
    the developer's shell must not reach a process that is meant to run without it.
    """
    environment = {key: value for key, value in os.environ.items() if key not in set(unset)}
    environment.update(values)
    return environment
