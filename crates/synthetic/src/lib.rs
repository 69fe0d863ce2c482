//! Synthetic household spending, shared by the benchmark's generated bank exports (`coffer-bench
//! generate`) and the fault harness's workload (`coffer-faults`), so that both describe the same kind
//! of household and neither keeps its own copy of the words or of the generator.

mod rng;

pub use rng::Rng;

/// The categories of a generated export (most exist in a new profile).
pub const CATEGORIES: &[&str] = &[
    "Groceries",
    "Rent",
    "Transport",
    "Dining",
    "Utilities",
    "Health",
    "Entertainment",
    "Shopping",
    "Travel",
    "Education",
    "Gifts",
    "Other",
];

/// Descriptions of generated expenses (one has a comma and quotes, to exercise CSV quoting).
pub const DESCRIPTIONS: &[&str] = &[
    "Weekly shop",
    "Corner store",
    "Monthly rent",
    "Bus pass",
    "Train ticket, return",
    "Pizza night",
    "Café \"Le Petit\"",
    "Electricity bill",
    "Pharmacy",
    "Cinema",
    "Shoes",
    "Flight",
    "Course fee",
    "Birthday present",
    "Misc.",
];

/// Payment methods of generated expenses; the empty one means none was recorded.
pub const PAYMENT_METHODS: &[&str] = &["card", "cash", "transfer", "direct debit", ""];
