//! A stakeholder's go-live decision: the vocabulary the store records and the report prints.

use serde::{Deserialize, Serialize};

/// A stakeholder's go-live decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Go,
    GoWithConditions,
    NoGo,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Go, Decision::GoWithConditions, Decision::NoGo];

    pub fn key(self) -> &'static str {
        match self {
            Decision::Go => "go",
            Decision::GoWithConditions => "go-with-conditions",
            Decision::NoGo => "no-go",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Go => "Go",
            Decision::GoWithConditions => "Go with conditions",
            Decision::NoGo => "No-Go",
        }
    }
}

/// A decision that is none of go, go with conditions or no-go.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown decision {0:?}; use go, go-with-conditions or no-go")]
pub struct DecisionParseError(pub String);

impl std::str::FromStr for Decision {
    type Err = DecisionParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "go" => Ok(Decision::Go),
            "go-with-conditions" | "conditional" => Ok(Decision::GoWithConditions),
            "no-go" | "nogo" => Ok(Decision::NoGo),
            _ => Err(DecisionParseError(s.to_string())),
        }
    }
}
