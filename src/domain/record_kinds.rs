//! The vocabularies of the citable record: what kind of words a statement
//! holds, whether its speaker held office, what part a person had in an
//! incident, how incidents relate, and whom a casualty figure counts.

use super::kinds::vocabulary;

vocabulary! {
    /// What kind of words a statement holds, so a quote is never taken for a summary.
    StatementKind {
        /// The speaker's words, verbatim, quoted as a sentence or more.
        Quote = "quote",
        /// A word or phrase of the speaker's, quoted inside the source's own sentence ("terrorists").
        Fragment = "fragment",
        /// What the source says the speaker said, in the source's words, not quoted.
        Paraphrase = "paraphrase",
    }
}

vocabulary! {
    /// Whether the speaker held a public office when speaking.
    SpeakerRole {
        /// The speaker held a public office (or is an organ of the state) when speaking.
        Official = "official",
        /// The speaker held no public office when speaking.
        NotOfficial = "not_official",
        /// The dates do not settle it.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// A person's part in an incident.
    ParticipantRole {
        /// Killed.
        Killed = "killed",
        /// Injured.
        Injured = "injured",
        /// Detained or arrested.
        Detained = "detained",
        /// Removed from office or dismissed.
        Removed = "removed",
        /// Under investigation.
        Investigated = "investigated",
        /// Leading an investigation.
        Investigating = "investigating",
        /// In command of the forces or the operation.
        Commanding = "commanding",
        /// Took the decision (a promotion, an appointment).
        Decided = "decided",
        /// Appointed or promoted by it.
        Appointed = "appointed",
        /// Took part in another way (the description says how).
        Other = "other",
    }
}

vocabulary! {
    /// How one incident relates to another.
    IncidentRelation {
        /// It investigates the other (an inquiry into killings).
        Investigates = "investigates",
        /// It answers or follows from the other (a march after a massacre).
        RespondsTo = "responds_to",
        /// It is part of the other (one day's killings in a months-long toll).
        PartOf = "part_of",
    }
}

vocabulary! {
    /// Whom a casualty figure counts.
    CasualtyCategory {
        /// Everyone the source counts, without a split.
        All = "all",
        /// Civilians: protesters and bystanders.
        Civilians = "civilians",
        /// Police officers.
        Police = "police",
        /// Soldiers.
        Military = "military",
    }
}
