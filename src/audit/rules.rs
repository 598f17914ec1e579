//! The rules table: stable ids, default severities, one-line summaries and the longer
//! explanation with the standard each rule comes from. Each rule has a page
//! `docs/rules/<id>.md` with good and bad examples.

use super::Severity;

/// A rule's description.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id; never reused for another check.
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters and the standard it comes from.
    pub explanation: &'static str,
    /// Sourcing rules look inside direct quotations too; style rules skip them (the words
    /// are the speaker's).
    pub sourcing: bool,
}

impl Rule {
    /// Where the rule's page is, relative to the repository root.
    pub fn doc_path(&self) -> String {
        format!("docs/rules/{}.md", self.id)
    }
}

/// Every rule, in a stable order (SARIF `ruleIndex` follows it).
pub const RULES: &[Rule] = &[
    Rule {
        id: "anonymous-no-reason",
        severity: Severity::Error,
        summary: "Anonymous source with no reason given for the anonymity",
        explanation: "An unnamed source is only acceptable when the story tells the reader why \
the source was not named: what the source would risk, or why the information could not be had \
otherwise. AP's policy on anonymous sources asks for the reason to be stated in the story, and \
the New York Times guidelines on anonymous sources ask for as much as possible about why the \
source asked for anonymity. A condition ('on condition of anonymity', 'asked not to be named') \
describes the bargain, not the reason, and does not satisfy the rule.",
        sourcing: true,
    },
    Rule {
        id: "vague-source",
        severity: Severity::Warning,
        summary: "Vague source: 'some officials', 'sources', 'many', 'others', 'other reports'",
        explanation: "A source the reader cannot count or place ('some officials', 'sources', \
'many', 'others', 'other reports') gives no way to weigh the claim. The AP Stylebook and the \
Reuters Handbook of Journalism both ask for sources to be described as specifically as \
possible: how many, in what position, how they know; the NYT guidelines discourage vague \
plurals standing for one person.",
        sourcing: true,
    },
    Rule {
        id: "unattributed-claim",
        severity: Severity::Warning,
        summary: "Figure or disputable fact in the article's own voice with no attribution",
        explanation: "Casualty counts, crowd sizes, blame and other facts a party could dispute \
should say who says so. AP and Reuters both require attribution for anything not common \
knowledge or witnessed by the reporter; Reuters asks that figures in particular carry their \
source. The article's own voice is for what is established.",
        sourcing: true,
    },
    Rule {
        id: "single-source-figure",
        severity: Severity::Suggestion,
        summary: "Figure backed by one independent source only",
        explanation: "A figure that only one independent source gives (the same speaker twice, \
or the same anonymous source through one outlet, counts once) is worth a second source or a \
caveat. The Reuters Handbook asks for important facts from anonymous or single sources to be \
corroborated; AP asks that the reader be told when information could not be confirmed \
independently.",
        sourcing: true,
    },
    Rule {
        id: "conflicting-figures",
        severity: Severity::Warning,
        summary: "Sources give figures that conflict",
        explanation: "When sources disagree on a figure (three drones or one; seven guards \
injured or six), the story should say so and give each side its source, not pick one \
silently. AP and Reuters both ask that conflicting accounts be reported as such, each \
attributed.",
        sourcing: true,
    },
    Rule {
        id: "loaded-verb",
        severity: Severity::Warning,
        summary: "Loaded attribution verb (claimed, admitted, insisted, conceded, alleged)",
        explanation: "'Said' is neutral; 'claimed' casts doubt, 'admitted' and 'conceded' imply \
a confession, 'insisted' implies stubbornness, 'noted', 'pointed out' and 'revealed' vouch \
for the truth of what follows. The AP Stylebook and the Reuters Handbook both recommend \
'said' unless the other verb is exactly what happened.",
        sourcing: false,
    },
    Rule {
        id: "loaded-word",
        severity: Severity::Suggestion,
        summary: "Loaded word in the article's own voice",
        explanation: "Labels such as 'regime', 'terrorist', 'so-called', 'cowardly' take a side. \
The AP Stylebook and the Reuters Handbook keep them out of the reporter's own voice: use them \
in quotations or attributed, or describe what happened instead. Words inside quotation marks \
are the speaker's and are not flagged.",
        sourcing: false,
    },
    Rule {
        id: "agentless-attribution",
        severity: Severity::Warning,
        summary: "Passive or agentless attribution ('have been dismissed as rumors', 'has been quoted as saying')",
        explanation: "A passive attribution hides who did the dismissing, the quoting or the \
reporting: 'reports have been dismissed as rumors' (by whom?), 'he has been quoted as saying' \
(by which outlet?), 'it was reported that', 'reportedly'. AP and Reuters both ask that the \
source of every attributed statement be named, including the outlet for second-hand quotes.",
        sourcing: true,
    },
    Rule {
        id: "garbled-attribution",
        severity: Severity::Error,
        summary: "Garbled attribution: doubled verbs such as 'says said'",
        explanation: "Two attribution verbs in a row ('says said', 'said told') are an editing \
slip that leaves the tense and often the speaker in doubt. Copy editors under AP and Reuters \
style fix them before publication.",
        sourcing: false,
    },
    Rule {
        id: "unbalanced-quote",
        severity: Severity::Error,
        summary: "Quotation mark opened and never closed, or closed and never opened",
        explanation: "A quotation that is not closed (and does not run on into a paragraph that \
opens with a quotation mark, as newswire style allows) or a closing mark with no opening one \
leaves the reader unable to tell the speaker's words from the reporter's: a sourcing error, \
not only a typographic one (AP, Reuters on quotations).",
        sourcing: true,
    },
    Rule {
        id: "mismatched-quote",
        severity: Severity::Warning,
        summary: "Quotation whose closing mark belongs to another style than its opening mark",
        explanation: "A quotation opened with a straight mark and closed with a curly one (or \
the reverse, or with guillemets) usually means words were pasted in from another source or \
edited by hand; check that the quotation is exact and whole. House styles (AP, Reuters) use \
one style throughout.",
        sourcing: true,
    },
    Rule {
        id: "stale-claim",
        severity: Severity::Error,
        summary: "Reviewed claim whose words no longer match the article (orphaned or changed quote)",
        explanation: "A reviewed claim was checked against a version of the article that no longer \
exists: its words were changed or are gone. A quotation that changed after review must be \
reviewed again (AP and Reuters: quotations must be exact).",
        sourcing: true,
    },
    Rule {
        id: "institution-as-speaker",
        severity: Severity::Suggestion,
        summary: "Institution as speaker where a person or document would be checkable",
        explanation: "'The United Nations found', 'the ministry says': institutions do not speak; \
a named spokesperson, a report, a ruling or a statement does, and the reader can check it. The \
Reuters Handbook and AP both prefer naming the person or the document.",
        sourcing: true,
    },
];

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
