"""Member-like text for a synthetic MS community, composed from fragments written for it."""

import random

_OPENINGS = (
    "Rough night with the fatigue again.",
    "Small win today:",
    "Three weeks into the new routine and",
    "Had my six-monthly infusion this morning.",
    "Neuro appointment went better than I feared.",
    "The heat has knocked me flat this week.",
    "Managed a short walk to the end of the road.",
    "Pins and needles in both hands since Sunday.",
    "Finally told my manager about my diagnosis.",
    "Brain fog is winning today, so bear with me.",
    "MRI results are in and nothing new showed up.",
    "My physio gave me new stretches for the spasms.",
    "Slept nine hours and still woke up exhausted.",
    "Cooling vest arrived and it is a game changer.",
    "Third relapse-free year, which I never expected.",
    "Balance was off all day, used the stick indoors.",
)
_MIDDLES = (
    "I am trying to pace myself like the fatigue clinic suggested.",
    "My partner has been brilliant about picking up the slack.",
    "The bladder urgency is the part nobody warns you about.",
    "I keep a symptom diary now and it helps at appointments.",
    "Work have agreed to let me start later on infusion weeks.",
    "Swimming seems to help more than anything else I have tried.",
    "I worry about what the next five years look like.",
    "The vertigo settled after a couple of days of rest.",
    "Low-dose naltrexone has helped my sleep, I think.",
    "I cried in the car park afterwards, and that is fine.",
    "The nurse helpline called back within the hour.",
    "My eyesight in the left eye is still a bit washed out.",
    "Cutting back on evening plans has made mornings easier.",
    "The kids made me a rest corner with cushions and a blanket.",
)
_CLOSINGS = (
    "How do you all manage on bad days?",
    "Sending strength to anyone struggling this week.",
    "Thanks for reading, it helps to write it down.",
    "Has anyone else noticed this?",
    "Going to rest now and try again tomorrow.",
    "Any tips welcome.",
    "Onwards.",
    "",
)
_REPLIES = (
    "Sending you a big hug.",
    "Same here, the heat is the worst for me too.",
    "That is brilliant news, well done.",
    "Pacing took me ages to learn, be kind to yourself.",
    "I found a cooling towel helped on the train.",
    "Thinking of you, rest up.",
    "My neuro said the same thing, it was reassuring.",
    "Have you asked about a referral to the fatigue clinic?",
    "So glad you told them, it gets easier.",
    "Try asking your MS nurse, mine was really helpful.",
    "Sorry it has been such a hard week.",
    "Three years relapse-free here too, hold on to it.",
)
_QUESTIONS = (
    "Does anyone take low-dose naltrexone alongside a DMT?",
    "How long did ocrelizumab infusion days take for you?",
    "What helps with heat sensitivity in summer?",
    "Is it normal to feel wiped out for days after a relapse?",
    "How did you tell your employer about your MS?",
    "Which exercises help with balance at home?",
    "Did baclofen make you drowsy at the start?",
    "How do you manage bladder urgency when travelling?",
    "What questions should I ask at my first neurology appointment?",
    "Has anyone switched from injections to tablets?",
    "How do you explain fatigue to friends who do not get it?",
    "Does cooling clothing actually help?",
    "What was your experience with gabapentin for nerve pain?",
    "How often do you have an MRI?",
    "Any tips for brain fog at work?",
)


def update_text(rng: random.Random) -> str:
    parts = [rng.choice(_OPENINGS), rng.choice(_MIDDLES)]
    if rng.random() < 0.5:
        parts.append(rng.choice(_MIDDLES))
    parts.append(rng.choice(_CLOSINGS))
    return " ".join(part for part in parts if part)


def reply_text(rng: random.Random) -> str:
    first = rng.choice(_REPLIES)
    return f"{first} {rng.choice(_MIDDLES)}" if rng.random() < 0.4 else first


def question_title(rng: random.Random) -> str:
    return rng.choice(_QUESTIONS)


def answer_text(rng: random.Random) -> str:
    return f"{rng.choice(_MIDDLES)} {rng.choice(_MIDDLES)} {rng.choice(_REPLIES)}"
