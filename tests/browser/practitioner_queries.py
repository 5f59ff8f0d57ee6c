"""What practitioners type, and the framework's lines a right answer holds.

Written from the published text (tests/reference/) and probation practice BEFORE the search was
tuned, and not changed to fit what the search returns. For each query, any one of the listed
lines among the first three results is a right answer: they are the lines whose subject is
what was typed, in the framework's own words.
"""

from __future__ import annotations

QUERIES: dict[str, list[str]] = {
    # Abbreviations from daily work
    "ETE": ["1.1.2"],                                    # education, training and employment
    "OASys": ["3.1.1", "3.1.4", "3.1.5", "3.1.8"],       # the assessment tool: assessment lines
    "DV": ["3.1.3", "3.3.1", "1.2.2", "5.1.1"],          # domestic violence: victims
    "ROTL": ["3.3.10", "3.1.9", "4.1.4"],                # release on temporary licence: resettlement
    "IOM": ["6.1.3", "6.1.4", "3.3.7", "6.3.2"],         # integrated offender management: joint work
    "MARAC": ["3.1.3", "3.3.1", "3.1.2", "3.3.2"],       # domestic abuse risk conference: victims, agencies
    "RoSH": ["3.1.1", "3.3.1", "5.2.4", "1.2.2"],        # risk of serious harm
    "UPW": ["1.3.1", "5.1.3", "4.1.2"],                  # unpaid work: a requirement of the sentence
    "RAR": ["4.1.1", "4.1.2", "5.1.3"],                  # rehabilitation activity requirement
    "QA": ["6.2.4"],                                     # quality assurance
    "PSR": ["3.2.2", "3.1.8"],                           # pre-sentence report: proposals assessed
    "OGRS": ["1.1.1", "5.2.3", "3.1.4"],                 # reconviction scale: likelihood of reoffending
    "CRC": ["6.1.4", "6.3.3"],                           # community rehabilitation company: a provider
    "NPS": ["6.1.4", "6.3.3"],                           # National Probation Service: a provider
    "LSCB": ["3.1.2"],                                   # local safeguarding children board
    "PoP": ["2.1.1", "2.1.2", "2.3.1", "3.3.6"],         # person on probation: service users
    # Everyday words for the framework's terms
    "accommodation": ["1.1.2", "3.1.9", "3.3.10", "4.1.4"],  # living arrangements; resettlement
    "housing": ["1.1.2", "3.1.9", "3.3.10", "4.1.4"],
    "reoffending rates": ["1.1.1", "1.2.1"],             # frequency and seriousness of reoffending
    "drugs": ["1.1.2"],                                  # substance misuse
    "alcohol": ["1.1.2"],
    "jobs": ["1.1.2"],                                   # employment
    "domestic abuse": ["3.1.3", "3.3.1", "1.2.2", "5.1.1"],
    "self-harm": ["5.2.5", "3.1.5"],                     # risk of harm to the individual from self
    "suicide": ["5.2.5", "3.1.5"],
    "mental health": ["1.1.2", "3.1.5", "5.2.5"],
    "recall": ["1.3.2", "5.1.3", "4.2.2"],               # the response to failing to comply
    "family": ["3.3.6"],                                 # family/partners/carers
    "release from prison": ["3.3.10", "3.1.9", "4.1.4"],
    "missed appointments": ["3.1.6", "5.3.3", "1.3.2"],  # non-compliance
    "victim contact": ["3.3.1", "3.1.3"],
    "accredited programmes": ["4.1.1", "3.2.2", "6.1.6"],  # interventions
    "management oversight": ["6.2.1", "6.2.2"],
    # Other forms of the framework's words
    "supervising": ["2.1.2"],                            # supervision
    "assessing": ["3.1.2", "3.1.3", "3.1.8", "3.1.9", "3.2.2"],  # assessments, assessed
    "motivating": ["2.3.1", "4.3.2", "5.3.2"],           # motivated, motivation, motivate
    "protecting children": ["1.2.2", "3.3.1", "5.1.1", "3.1.1"],
    "complying": ["5.3.3", "1.3.2", "3.1.6"],            # complied, comply, non-compliance
    "reviewing plans": ["5.2.1", "5.3.1"],
    "engaging": ["4.3.1", "2.3.2", "2.3.3"],             # engage, engagement
    "qualifications": ["6.2.3"],                         # qualified
    "sequencing": ["4.2.1"],                             # sequenced
    "enforcing": ["4.2.2"],                              # enforcement action
    "desisting": ["5.3.4"],                              # desistance
    # Short questions
    "how is risk of harm assessed?": ["3.1.1", "3.1.8"],
    "who should contribute to reviews?": ["5.2.2"],
    "what about housing?": ["1.1.2", "3.1.9", "3.3.10", "4.1.4"],
    "is the PoP involved in planning?": ["3.3.6", "5.3.1"],
    "what happens after breach?": ["4.2.2", "1.3.2", "5.1.3"],
    "are staff trained?": ["6.2.3"],
    "does the plan protect victims?": ["3.3.1"],
}
