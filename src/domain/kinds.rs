//! The closed vocabularies of the graph: kinds of organization, place,
//! incident and source, and how exact a casualty figure is.
//!
//! Each is stored as its snake_case name, read from the dataset by the same
//! name, and shown in GraphQL as an enum in SCREAMING_CASE.

use async_graphql::Enum;

/// Declares a vocabulary with its stored names.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, async_graphql::Enum, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// The value with this stored name.
            pub fn from_stored(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl $crate::domain::kinds::Stored for $name {
            fn stored(self) -> &'static str {
                self.as_str()
            }
        }
    };
}
pub(crate) use vocabulary;

/// A vocabulary's values, by their stored names (for code that takes any vocabulary).
pub trait Stored: Copy {
    /// The stored name.
    fn stored(self) -> &'static str;
}

vocabulary! {
    /// What an organization is.
    OrganizationKind {
        /// The executive: presidency, council of ministers (of any country).
        Government = "government",
        /// A ministry.
        Ministry = "ministry",
        /// The legislature.
        Congress = "congress",
        /// The army, navy, air force or joint command.
        ArmedForces = "armed_forces",
        /// A police force.
        Police = "police",
        /// A prosecutor's office.
        Prosecutor = "prosecutor",
        /// Courts and the judiciary.
        Judiciary = "judiciary",
        /// A state body not listed above (an ombudsman, a regulator, a public health network).
        StateAgency = "state_agency",
        /// A political party or movement.
        PoliticalParty = "political_party",
        /// A non-governmental organization.
        Ngo = "ngo",
        /// An intergovernmental body (the U.N., the OAS, the IACHR).
        InternationalBody = "international_body",
        /// A newspaper, agency, broadcaster or publisher.
        Media = "media",
        /// A trade union or federation of unions.
        Union = "union",
        /// An organization of indigenous peoples.
        IndigenousOrganization = "indigenous_organization",
        /// Anything else.
        Other = "other",
    }
}

impl OrganizationKind {
    /// The kinds that are organs of the state, whose members hold public office.
    pub const STATE: &'static [OrganizationKind] = &[
        OrganizationKind::Government,
        OrganizationKind::Ministry,
        OrganizationKind::Congress,
        OrganizationKind::ArmedForces,
        OrganizationKind::Police,
        OrganizationKind::Prosecutor,
        OrganizationKind::Judiciary,
        OrganizationKind::StateAgency,
    ];

    /// Whether the organization is an organ of the state.
    pub fn is_state(self) -> bool {
        Self::STATE.contains(&self)
    }
}

vocabulary! {
    /// What a place is, from largest to smallest.
    PlaceKind {
        /// A country.
        Country = "country",
        /// A region (in Peru, a department).
        Region = "region",
        /// A province.
        Province = "province",
        /// A district.
        District = "district",
        /// A city or town.
        City = "city",
        /// A site: an airport, a road, a square.
        Site = "site",
    }
}

vocabulary! {
    /// What happened.
    IncidentKind {
        /// People killed (the summary says by whom, where known).
        Killing = "killing",
        /// A demonstration or mobilization.
        Protest = "protest",
        /// A strike or work stoppage.
        Strike = "strike",
        /// Roads or sites blocked.
        Blockade = "blockade",
        /// A person detained or arrested.
        Arrest = "arrest",
        /// An official removed from office.
        RemovalFromOffice = "removal_from_office",
        /// An investigation opened or announced.
        Investigation = "investigation",
        /// Officers or officials dismissed or retired.
        Dismissal = "dismissal",
        /// A court or judicial decision.
        JudicialDecision = "judicial_decision",
        /// A political or government decision.
        PoliticalDecision = "political_decision",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// What kind of document a source is.
    SourceKind {
        /// A news article.
        NewsArticle = "news_article",
        /// A post on a blog (an NGO's, a newsletter's).
        BlogPost = "blog_post",
        /// A press release.
        PressRelease = "press_release",
        /// A report (an NGO's, an agency's).
        Report = "report",
        /// An interview.
        Interview = "interview",
        /// A post on a social network.
        SocialMediaPost = "social_media_post",
        /// An official statement or communiqué.
        OfficialStatement = "official_statement",
        /// A speech.
        Speech = "speech",
        /// A press conference.
        PressConference = "press_conference",
        /// An official document (a letter, a notice, a plan).
        OfficialDocument = "official_document",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// How exact a figure is, as its source words it.
    FigureQualifier {
        /// The figure as stated ("17 civilians").
        Exact = "exact",
        /// A floor ("at least 17").
        AtLeast = "at_least",
        /// Strictly more ("over 40", "more than 40").
        MoreThan = "more_than",
        /// Just under ("nearly 50", "close to 40").
        Nearly = "nearly",
        /// Approximate ("some 48").
        About = "about",
    }
}

/// The kinds of edge between entities in the graph view (`neighbors`, `paths`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Enum)]
#[graphql(name = "EdgeType")]
pub enum EdgeKind {
    /// A person or organization said a statement.
    Spoke,
    /// A statement is about an incident or a place.
    About,
    /// A statement names a person or organization.
    Mentions,
    /// A statement is reported by a source.
    ReportedBy,
    /// A statement was first said or published in a source.
    OriginalSource,
    /// A source cites another.
    Cites,
    /// A person holds or held a position in an organization.
    MemberOf,
    /// An incident happened at a place; a place lies in a larger one.
    LocatedIn,
    /// An organization or a person had a part in an incident.
    InvolvedIn,
    /// A person wrote a source.
    Authored,
    /// An organization published a source.
    Published,
}

impl EdgeKind {
    /// Every kind of edge.
    pub const ALL: [EdgeKind; 11] = [
        EdgeKind::Spoke,
        EdgeKind::About,
        EdgeKind::Mentions,
        EdgeKind::ReportedBy,
        EdgeKind::OriginalSource,
        EdgeKind::Cites,
        EdgeKind::MemberOf,
        EdgeKind::LocatedIn,
        EdgeKind::InvolvedIn,
        EdgeKind::Authored,
        EdgeKind::Published,
    ];
}
