"""The demo article and its first comments, written in our own words for the demo store."""

from datetime import UTC, datetime

SLUG = "small-fibre-nerves-and-fibromyalgia"

ARTICLE = {
    "slug": SLUG,
    "title": "Small nerve fibres and fibromyalgia: what the research is finding",
    "standfirst": (
        "In some people with fibromyalgia, the thinnest sensory nerves appear to behave differently. "
        "A plain-language summary of what laser-evoked potentials and skin biopsies have shown, "
        "and what they have not."
    ),
    "author_name": "Maya Lindqvist",
    "author_bio": (
        "Maya edits the Verdant & Vale journal. She trained in biomedical science and "
        "writes about research for readers who want the findings without the hype."
    ),
    "reprint_credit": None,
    "related_skus": ["PAIN-HEAT-WRAP", "SLP-MAG-GLY-120", "WT-FOAM-ROLLER", "CBD-TOP-BALM-1000"],
    "published_at": datetime(2025, 2, 10, 9, 0, tzinfo=UTC),
}

BODY = """\
## Two conditions, one question

Fibromyalgia is usually described as widespread pain that comes with fatigue, unrefreshing
sleep and trouble concentrating. For a long time it was thought of mainly as a problem of how
the brain and spinal cord process pain, partly because the routine nerve tests people are
given tend to come back normal.

Small-fibre neuropathy is something else: damage to the thinnest sensory nerves, the thinly
myelinated A-delta fibres and the unmyelinated C fibres that carry pain and temperature.
Standard nerve conduction studies measure the large, fast fibres, so they cannot see the
small ones at all. Other tests are needed.

Over roughly the last decade, several research groups have asked whether some people with a
fibromyalgia diagnosis also show measurable changes in their small fibres. Below is a summary
of three kinds of evidence they looked at.

## Laser-evoked potentials

A laser-evoked potential (LEP) test uses very short pulses of radiant heat to activate the
small fibres in the skin without touching it. Electrodes on the scalp pick up the brain's
response, and its size and timing show how well the signal travelled from the skin to the
cortex.

In several studies, participants with fibromyalgia had smaller LEP responses on average than
healthy volunteers, which is also the pattern seen in confirmed small-fibre neuropathy. A
smaller response fits with fewer working nerve endings feeding the signal, although on its
own it does not prove that.

## Reduced habituation

When the same stimulus is repeated, the brain's response normally shrinks a little each time.
This *habituation* is one of the ways the nervous system filters out information that is no
longer new. Researchers who gave trains of repeated laser pulses found that in many
participants with fibromyalgia the response faded less than expected.

That gives a two-sided picture: a weaker signal arriving from the skin, and a central
response that does not settle down. One idea being studied is that the nervous system turns
up its own sensitivity to make up for reduced input, which could help explain why pain can
feel amplified even when the nerves carry less signal. For now this is a hypothesis, not an
established mechanism.

## Counting nerve fibres in the skin

The most direct evidence comes from skin biopsies. A small punch sample, usually from the
lower leg, is stained so that the nerve fibres entering the outer layer of the skin can be
counted under a microscope. The result, *intraepidermal nerve fibre density*, is compared with
reference values for the person's age and sex.

Across studies, a sizeable share of participants with fibromyalgia had a lower fibre density
than expected. The proportion varies a lot between groups of patients, often somewhere
between a third and a half. Some researchers also described changes in the fibres' shape,
such as swellings along their length.

## What this does and does not mean

- It does not mean that fibromyalgia *is* small-fibre neuropathy. Many participants had
  normal biopsies, and most of the studies were small.
- A low fibre density is a finding, not a diagnosis. It also occurs with diabetes, some
  autoimmune conditions, certain vitamin deficiencies and other causes, and those need to be
  looked for.
- It does suggest that for some people there is a measurable change in the peripheral nerves
  behind their pain, which matters for how the condition is understood and investigated.

If you live with persistent burning, tingling or widespread pain, a doctor (often a
neurologist) can tell you whether tests such as a skin biopsy make sense for you.

## About this article

This is a plain-language summary of published research, written by our editorial team. It is
general information, not medical advice, and nothing in it is a claim about any product we
sell.
"""

# Stars per count of votes: 156 votes, 679 stars, average 4.3526 -> shown as 4.35.
VOTES = {5: 88, 4: 45, 3: 16, 2: 4, 1: 3}

COMMENTS = [
    {
        "key": "rachel",
        "name": "Rachel M.",
        "email": "rachel@example.com",
        "body": (
            "Thank you for explaining habituation so clearly. I had seen the word in a clinic "
            "leaflet and never understood what it meant."
        ),
        "created_at": datetime(2025, 2, 11, 14, 20, tzinfo=UTC),
    },
    {
        "key": "tom",
        "name": "Tom B.",
        "email": "tom@example.com",
        "body": (
            "Useful summary. I was told for years that my nerve tests were normal, and nobody "
            "mentioned that those tests don't look at the small fibres at all."
        ),
        "created_at": datetime(2025, 2, 12, 8, 5, tzinfo=UTC),
    },
    {
        "key": "priya",
        "reply_to": "tom",
        "name": "Priya S.",
        "email": "priya@example.com",
        "body": (
            "Same here. It was a relief just to understand why the first round of tests "
            "came back clear."
        ),
        "created_at": datetime(2025, 2, 12, 19, 40, tzinfo=UTC),
    },
    {
        "key": "daniel",
        "name": "Daniel K.",
        "email": "daniel@example.com",
        "website": "https://example.org/",
        "body": (
            "Good to see the limitations spelled out as well. Small studies and mixed results "
            "are worth keeping in mind before anyone draws big conclusions."
        ),
        "created_at": datetime(2025, 2, 14, 10, 15, tzinfo=UTC),
    },
]
