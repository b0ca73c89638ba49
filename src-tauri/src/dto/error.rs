//! The one error every command returns: the library's typed kind, which the UI branches on,
//! and a message for people. Not a place for new kinds: they belong to `golive::error`.

use golive::error::ErrorKind;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CommandError {
    /// An error of the shell itself (a viewer that would not open, a task that stopped).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

impl From<golive::ops::Error> for CommandError {
    fn from(e: golive::ops::Error) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}
