//! E06xx — the lifecycle, the catalogue and the contract register.

use super::entry::Explanation;
use crate::diag::Code;

pub(super) const ENTRIES: &[Explanation] = &[
    // E0601: written with the lifecycle checks.
    Explanation {
        code: Code::E0601,
        explanation: "PLACEHOLDER E0601",
        wrong: "",
        right: "",
    },
    // E0602: written with the lifecycle checks.
    Explanation {
        code: Code::E0602,
        explanation: "PLACEHOLDER E0602",
        wrong: "",
        right: "",
    },
    // E0603: written with the lifecycle checks.
    Explanation {
        code: Code::E0603,
        explanation: "PLACEHOLDER E0603",
        wrong: "",
        right: "",
    },
    // E0604: written with the lifecycle checks.
    Explanation {
        code: Code::E0604,
        explanation: "PLACEHOLDER E0604",
        wrong: "",
        right: "",
    },
    // E0605: written with the lifecycle checks.
    Explanation {
        code: Code::E0605,
        explanation: "PLACEHOLDER E0605",
        wrong: "",
        right: "",
    },
    // E0606: written with the catalogue checks.
    Explanation {
        code: Code::E0606,
        explanation: "PLACEHOLDER E0606",
        wrong: "",
        right: "",
    },
    // E0607: written with the catalogue checks.
    Explanation {
        code: Code::E0607,
        explanation: "PLACEHOLDER E0607",
        wrong: "",
        right: "",
    },
    // E0608: written with the diff checks.
    Explanation {
        code: Code::E0608,
        explanation: "PLACEHOLDER E0608",
        wrong: "",
        right: "",
    },
];
