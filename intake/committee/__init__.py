"""The committee: one-page summaries, the comparison, conflicts of interest, charts and the meeting pack."""
