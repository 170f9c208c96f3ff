//! The domain's small types: treatments and their families, decisions, verdicts, agreement,
//! three-valued evidence and calendar dates. Their serialised names are the JSON contract's.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The contract's name for this value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parse the contract's name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum! {
    /// A kind of treatment, as the letter names it.
    Modality {
        /// Physical therapy, physiotherapy.
        PhysicalTherapy => "physical_therapy",
        /// Occupational therapy.
        OccupationalTherapy => "occupational_therapy",
        /// Therapeutic exercises.
        TherapeuticExercise => "therapeutic_exercise",
        /// Aquatic (pool) therapy.
        AquaticTherapy => "aquatic_therapy",
        /// Acupuncture, with or without electrical stimulation.
        Acupuncture => "acupuncture",
        /// Chiropractic manipulation, manual therapy.
        Chiropractic => "chiropractic",
        /// Massage therapy.
        Massage => "massage",
        /// Functional restoration / interdisciplinary pain programs.
        FunctionalRestoration => "functional_restoration",
        /// Psychotherapy, cognitive behavioral therapy.
        Psychotherapy => "psychotherapy",
        /// Biofeedback.
        Biofeedback => "biofeedback",
        /// Work conditioning / work hardening.
        WorkConditioning => "work_conditioning",
        /// Transcutaneous electrical nerve stimulation (a home unit, rented or bought).
        Tens => "tens",
        /// Anything else (imaging, medication, devices...).
        Other => "other",
    }
}

named_enum! {
    /// A group of treatments that share one set of MTUS limits.
    Family {
        /// Physical and occupational therapy, therapeutic exercise, aquatic therapy.
        PhysicalMedicine => "physical_medicine",
        /// Acupuncture.
        Acupuncture => "acupuncture",
        /// Chiropractic manipulation and manual therapy.
        Chiropractic => "chiropractic",
        /// Massage.
        Massage => "massage",
        /// Functional restoration programs.
        FunctionalRestoration => "functional_restoration",
        /// Psychotherapy, CBT and biofeedback.
        Psychotherapy => "psychotherapy",
        /// Everything without a family of its own.
        Other => "other",
    }
}

named_enum! {
    /// What kind of service a disputed item is, in the grouping the state's IMR reports use.
    /// Read from the head of the item's phrase ("transportation to therapy appointments" is
    /// transportation).
    Category {
        /// Drugs: generic and brand names, strengths, quantities, compounded topicals.
        Pharmaceuticals => "pharmaceuticals",
        /// Diagnostic imaging and testing: MRI, CT, x-ray, EMG/NCV, drug screens, labs.
        ImagingAndTesting => "imaging_and_testing",
        /// Injections and procedures: epidurals, facet and nerve blocks, ablation, PRP.
        InjectionsAndProcedures => "injections_and_procedures",
        /// Surgery.
        Surgery => "surgery",
        /// Durable medical equipment: braces, cold therapy units, TENS units, beds, walkers.
        DurableMedicalEquipment => "durable_medical_equipment",
        /// Physical, occupational and aquatic therapy, therapeutic exercise, work conditioning.
        PhysicalMedicine => "physical_medicine",
        /// Chiropractic care and manipulation.
        Chiropractic => "chiropractic",
        /// Acupuncture.
        Acupuncture => "acupuncture",
        /// Massage.
        Massage => "massage",
        /// Psychotherapy, CBT, biofeedback, psychological evaluation.
        PsychologicalServices => "psychological_services",
        /// Functional restoration, weight loss, gym or pool memberships.
        Programs => "programs",
        /// Home health and personal care.
        HomeHealth => "home_health",
        /// Office visits, consultations, follow-ups.
        EvaluationAndManagement => "evaluation_and_management",
        /// Transportation.
        Transportation => "transportation",
        /// Anything else, or an item whose words the vocabulary does not know.
        Other => "other",
    }
}

impl Modality {
    /// A readable name ("occupational therapy").
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }
}

impl Category {
    /// The therapy family a category's visit rules belong to, for the categories that are
    /// therapies (`None` for medications, imaging, equipment and other services).
    pub fn therapy_family(self) -> Option<Family> {
        match self {
            Category::PhysicalMedicine => Some(Family::PhysicalMedicine),
            Category::Chiropractic => Some(Family::Chiropractic),
            Category::Acupuncture => Some(Family::Acupuncture),
            Category::Massage => Some(Family::Massage),
            Category::PsychologicalServices => Some(Family::Psychotherapy),
            Category::Programs => Some(Family::FunctionalRestoration),
            _ => None,
        }
    }

    /// A readable name ("durable medical equipment").
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }
}

impl Modality {
    /// The family whose limits govern this modality.
    pub fn family(self) -> Family {
        // The contract fixes this grouping: aquatic therapy and work conditioning defer to
        // physical medicine, biofeedback is taught alongside CBT.
        const TABLE: &[(Modality, Family)] = &[
            (Modality::PhysicalTherapy, Family::PhysicalMedicine),
            (Modality::OccupationalTherapy, Family::PhysicalMedicine),
            (Modality::TherapeuticExercise, Family::PhysicalMedicine),
            (Modality::AquaticTherapy, Family::PhysicalMedicine),
            (Modality::WorkConditioning, Family::PhysicalMedicine),
            (Modality::Acupuncture, Family::Acupuncture),
            (Modality::Chiropractic, Family::Chiropractic),
            (Modality::Massage, Family::Massage),
            (Modality::FunctionalRestoration, Family::FunctionalRestoration),
            (Modality::Psychotherapy, Family::Psychotherapy),
            (Modality::Biofeedback, Family::Psychotherapy),
        ];
        TABLE.iter().find(|(m, _)| *m == self).map(|(_, f)| *f).unwrap_or(Family::Other)
    }

    /// The category an item of this modality belongs to (`None` for `Other`, whose category
    /// the category vocabulary decides).
    pub fn category(self) -> Option<Category> {
        Some(match self {
            Modality::PhysicalTherapy
            | Modality::OccupationalTherapy
            | Modality::TherapeuticExercise
            | Modality::AquaticTherapy
            | Modality::WorkConditioning => Category::PhysicalMedicine,
            Modality::Acupuncture => Category::Acupuncture,
            Modality::Chiropractic => Category::Chiropractic,
            Modality::Massage => Category::Massage,
            Modality::FunctionalRestoration => Category::Programs,
            Modality::Psychotherapy | Modality::Biofeedback => Category::PsychologicalServices,
            Modality::Tens => Category::DurableMedicalEquipment,
            Modality::Other => return None,
        })
    }
}

named_enum! {
    /// What the IMR reviewer decided about the utilization-review denial.
    Decision {
        /// The denial stands: the treatment is not authorised.
        Upheld => "upheld",
        /// The denial is reversed: the treatment is authorised.
        Overturned => "overturned",
        /// The letter does not say.
        Unknown => "unknown",
    }
}

named_enum! {
    /// Three-valued evidence: the letter says yes, says no, or is silent.
    Tri {
        /// The letter states it.
        Yes => "yes",
        /// The letter states the opposite.
        No => "no",
        /// The letter is silent.
        Unknown => "unknown",
    }
}

named_enum! {
    /// What the rules say about a request, independent of the recorded decision.
    Verdict {
        /// The request fits the rule's limits.
        WithinLimit => "within_limit",
        /// The request goes past the rule's limits.
        ExceedsLimit => "exceeds_limit",
        /// The rule does not recommend this treatment here.
        NotRecommended => "not_recommended",
        /// The rule allows it only with documentation the letter says is missing.
        NeedsDocumentation => "needs_documentation",
        /// No rule covers the treatment.
        NoRule => "no_rule",
        /// A rule applies, but the letter gives no count to check.
        NoCount => "no_count",
    }
}

named_enum! {
    /// Whether the recorded decision matches the verdict.
    Agreement {
        /// Decision and verdict point the same way.
        Agrees => "agrees",
        /// They point opposite ways.
        Disagrees => "disagrees",
        /// No verdict or no decision to compare.
        Indeterminate => "indeterminate",
    }
}

impl Verdict {
    /// Whether the verdict supports authorising the treatment (None: it cannot say).
    pub fn supports_treatment(self) -> Option<bool> {
        match self {
            Verdict::WithinLimit => Some(true),
            Verdict::ExceedsLimit | Verdict::NotRecommended | Verdict::NeedsDocumentation => Some(false),
            Verdict::NoRule | Verdict::NoCount => None,
        }
    }
}

impl Agreement {
    /// Compare a recorded decision with a verdict (see docs/verdicts.md).
    pub fn of(decision: Decision, verdict: Verdict) -> Agreement {
        let allowed = match decision {
            Decision::Upheld => false,
            Decision::Overturned => true,
            Decision::Unknown => return Agreement::Indeterminate,
        };
        match verdict.supports_treatment() {
            Some(s) if s == allowed => Agreement::Agrees,
            Some(_) => Agreement::Disagrees,
            None => Agreement::Indeterminate,
        }
    }
}

/// A calendar date (proleptic Gregorian), ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2015.
    pub year: u16,
    /// Month 1-12.
    pub month: u8,
    /// Day 1-31.
    pub day: u8,
}

impl Date {
    /// A date, if the parts make one.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let dim = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= dim && (1900..=2100).contains(&year)).then_some(Date { year, month, day })
    }

    /// This date's month, as `YYYY-MM` (a date a letter gives only by its month).
    pub fn month_string(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The last day of this date's month.
    pub fn month_end(self) -> Date {
        (28..=31).rev().find_map(|d| Date::new(self.year, self.month, d)).unwrap_or(self)
    }

    /// Parse ISO `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// The last date imrcheck represents (years run 1900-2100).
    pub const MAX: Date = Date { year: 2100, month: 12, day: 31 };

    /// The same day `months` months later (clamped to the month's last day). A date past
    /// [`Date::MAX`] is [`Date::MAX`]: a period that long has not ended, whatever the months.
    pub fn add_months(self, months: u32) -> Date {
        let total = u64::from(self.year) * 12 + u64::from(self.month.clamp(1, 12) - 1) + u64::from(months);
        let Ok(y) = u16::try_from(total / 12) else { return Date::MAX };
        if y > Date::MAX.year {
            return Date::MAX;
        }
        let m = (total % 12) as u8 + 1;
        (0..4).find_map(|back| Date::new(y, m, self.day.saturating_sub(back))).unwrap_or(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date; write YYYY-MM-DD")))
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> String {
        "Date".to_owned()
    }
    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            format: Some("date".to_owned()),
            ..Default::default()
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_table() {
        use Agreement::*;
        use Verdict::*;
        assert_eq!(Agreement::of(Decision::Upheld, ExceedsLimit), Agrees);
        assert_eq!(Agreement::of(Decision::Upheld, WithinLimit), Disagrees);
        assert_eq!(Agreement::of(Decision::Overturned, WithinLimit), Agrees);
        assert_eq!(Agreement::of(Decision::Overturned, NeedsDocumentation), Disagrees);
        assert_eq!(Agreement::of(Decision::Upheld, NoCount), Indeterminate);
        assert_eq!(Agreement::of(Decision::Unknown, ExceedsLimit), Indeterminate);
    }

    #[test]
    fn dates() {
        assert!(Date::new(2015, 2, 29).is_none());
        assert_eq!(Date::parse_iso("2016-02-29").map(|d| d.to_string()), Some("2016-02-29".into()));
        assert_eq!(Date::new(2014, 8, 31).map(|d| d.add_months(6)), Date::new(2015, 2, 28));
    }

    /// Issue 11: a huge `period_months` overflowed (a panic in debug builds; in release, a
    /// date before the surgery). Past the last representable date it saturates.
    #[test]
    fn add_months_saturates_instead_of_overflowing() {
        let d = Date::new(2014, 1, 31).expect("date");
        assert_eq!(d.add_months(u32::MAX), Date::MAX);
        assert_eq!(d.add_months(12 * 200), Date::MAX);
        assert_eq!(d.add_months(12 * 86 + 11), Date::MAX);
        assert_eq!(d.add_months(12 * 86 + 10), Date::new(2100, 11, 30).expect("date"));
        assert!(d.add_months(1_000_000) >= d);
    }
}
