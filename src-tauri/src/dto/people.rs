//! A plan's people and owner suggestions as the UI sees them, and one task's part of a bulk
//! change.

use golive::store::{NameSource, NameSuggestion, Person};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ItemChangeDto;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonDto {
    #[ts(type = "number")]
    pub id: i64,
    pub gid: String,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
}

impl From<&Person> for PersonDto {
    fn from(p: &Person) -> Self {
        PersonDto {
            id: p.id,
            gid: p.gid.to_string(),
            name: p.name.clone(),
            role: p.role.clone(),
            email: p.email.clone(),
        }
    }
}

/// A name an owner field offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NameSuggestionDto {
    pub name: String,
    pub source: NameSource,
    /// A role or e-mail shown beside the name.
    pub detail: Option<String>,
}

impl From<&NameSuggestion> for NameSuggestionDto {
    fn from(s: &NameSuggestion) -> Self {
        NameSuggestionDto {
            name: s.name.clone(),
            source: s.source,
            detail: s.detail.clone(),
        }
    }
}

/// One task's change within a bulk change (and its undo, with the old values).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct TaskChangeDto {
    pub task_id: String,
    pub change: ItemChangeDto,
}
