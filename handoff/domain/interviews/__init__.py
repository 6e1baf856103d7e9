"""Interviews (RPO): plans, availability, scheduling with calendar invites, candidate slot offers, scorecards."""
