"""Small tabular MDPs: states, actions, transition tables, value iteration and LP inverse RL.

The setting of Ng & Russell (2000): a finite MDP without a reward
(:class:`~mesa_types.TabularMDP`), the optimal policy for a state reward
(:func:`~mesa_types.value_iteration`), and the reward that explains a policy
(:func:`~mesa_types.lp_irl`, and :func:`~mesa_types.lp_irl_features` for a
reward linear in state features), with their stochastic gridworld as an example
(:func:`~mesa_types.noisy_gridworld`). World-agnostic: a user's own small MDP
plugs in by giving its tables. Public names are importable from
:mod:`mesa_types`.
"""
