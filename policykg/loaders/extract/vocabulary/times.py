"""Words of time: ongoing work (长期坚持, 持续推进) and policy periods."""

from __future__ import annotations

ONGOING_STEADFAST = ("长年坚持", "长期坚持")
"""Ongoing words that close a clause: （…，长期坚持）."""
ONGOING_CONTINUING = ("持续推进", "长期推进", "常态化推进", "持续开展")
"""Ongoing words that close a bracket or the text: （持续推进）."""
ONGOING_PHRASES = ONGOING_STEADFAST + ONGOING_CONTINUING
ONGOING_WORDS = (*ONGOING_PHRASES, "长期")
"""Any of these in a deadline field makes the measure ongoing."""
ONGOING_STEMS = tuple(dict.fromkeys(p[:2] for p in ONGOING_PHRASES))
"""How a table cell saying a measure is ongoing starts: 长年, 长期, 持续, 常态."""
POLICY_PERIOD_VERBS = ("执行", "延续", "延长", "施行", "有效期")
"""Before 至2027年底 these say how long a policy holds, not when a task is due: 延续执行至2027年底."""
