//! Exports and imports as the UI sees them: the spreadsheet format an export is asked for
//! and an import's preview.

use golive::export::{CsvDialect, FieldChange, ImportPlan};
use golive::ops::SheetFormat;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The spreadsheet formats of the Export menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SheetFormatDto {
    /// Comma-separated, UTF-8 with a byte-order mark.
    Csv,
    /// Semicolon-separated, as Excel opens it where the comma is the decimal mark.
    CsvExcelGerman,
    Xlsx,
}

impl From<SheetFormatDto> for SheetFormat {
    fn from(f: SheetFormatDto) -> Self {
        match f {
            SheetFormatDto::Csv => SheetFormat::Csv(CsvDialect::Comma),
            SheetFormatDto::CsvExcelGerman => SheetFormat::Csv(CsvDialect::ExcelGerman),
            SheetFormatDto::Xlsx => SheetFormat::Xlsx,
        }
    }
}

/// One field an import changes, old → new, as the library words the values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChangeDto {
    pub task_id: String,
    /// "status", "owner" or "due".
    pub field: String,
    /// Empty for an owner that was not set.
    pub old: String,
    pub new: String,
}

impl From<&FieldChange> for FieldChangeDto {
    fn from(c: &FieldChange) -> Self {
        FieldChangeDto {
            task_id: c.task_id.clone(),
            field: c.field.to_string(),
            old: c.old.clone(),
            new: c.new.clone(),
        }
    }
}

/// What an import changes (its preview) or changed (once applied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPlanDto {
    /// Every field that changes, in the sheet's order.
    pub fields: Vec<FieldChangeDto>,
    /// How many tasks change.
    #[ts(type = "number")]
    pub tasks: usize,
    /// Rows the sheet has, changed or not.
    #[ts(type = "number")]
    pub rows: usize,
}

impl From<&ImportPlan> for ImportPlanDto {
    fn from(p: &ImportPlan) -> Self {
        ImportPlanDto {
            fields: p.fields.iter().map(FieldChangeDto::from).collect(),
            tasks: p.changes.len(),
            rows: p.rows,
        }
    }
}
