"""Matching: who could meet a demand, and which volunteer tasks suit a volunteer.

scoring.py holds the weights and the formula; slots.py turns times into the
availability slots volunteers tick; selectors.py and recommendations.py read the
candidates in bounded queries; demand.py ranks them for a demand; access.py says who
may see the ranking.
"""
