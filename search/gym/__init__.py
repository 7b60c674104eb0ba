"""Gymnasium interoperability: a gridworld as a ``gymnasium.Env`` (needs the ``gym`` extra)."""

from search.gym.adapter import ACTIONS, GridWorldEnv

__all__ = ["ACTIONS", "GridWorldEnv"]
