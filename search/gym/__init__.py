"""Gymnasium interoperability: gridworlds as ``gymnasium.Env`` and trained policies as agents.

Needs the ``gym`` extra. Importing this package registers a Gymnasium id for
every scenario's training and deployment mazes (:func:`env_id`).
"""

from search.gym.adapter import ACTIONS, GridWorldEnv
from search.gym.observation import Observation, maze_layout, observation_of, scenario_shape
from search.gym.pictures import rgb_picture
from search.gym.policy import Policy, PolicyAgent, check_policy, policy_behaviour
from search.gym.registration import NAMESPACE, env_id, make_scenario_env, register_envs

__all__ = [
    "ACTIONS",
    "NAMESPACE",
    "GridWorldEnv",
    "Observation",
    "Policy",
    "PolicyAgent",
    "check_policy",
    "env_id",
    "make_scenario_env",
    "maze_layout",
    "observation_of",
    "policy_behaviour",
    "register_envs",
    "rgb_picture",
    "scenario_shape",
]

register_envs()
