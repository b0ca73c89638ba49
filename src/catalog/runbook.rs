//! The go-live day's runbook as a template states it: steps at a time relative to the
//! launch (T−4h deploy, T0 remove basic auth, T+30m communication plan), each with an owner
//! and, where the day may stop, a go/no-go checkpoint. Parsing and the "T−4h" notation only;
//! the live state of a plan's runbook is [`crate::plan`]'s.

use serde::{Deserialize, Serialize};

/// One step of the template's runbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunbookTemplateStep {
    /// Stable id; a step tied to a task may use the task's id.
    pub id: String,
    /// Minutes from the launch moment (negative = before).
    pub at_minutes: i64,
    pub title: String,
    /// The task the step carries out, if any.
    pub task: Option<String>,
    /// Who does it (a role, e.g. "DevOps").
    pub owner: Option<String>,
    /// The go/no-go question to answer before the day goes on.
    pub checkpoint: Option<String>,
    /// This step switches DNS: the time it is checked off starts the 72-hour clock of
    /// keeping the old shop live.
    pub dns_switch: bool,
}

/// A step as written in the template file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRunbookStep {
    pub id: String,
    pub at: String,
    pub title: Option<String>,
    pub task: Option<String>,
    pub owner: Option<String>,
    pub checkpoint: Option<String>,
    #[serde(default)]
    pub dns_switch: bool,
}

/// The longest a runbook reaches from the launch: two days either way.
pub const MAX_RUNBOOK_MINUTES: i64 = 48 * 60;

/// Reads "T-4h", "-4h", "-1h30m", "+30m", "T0" or "0" as minutes from the launch.
pub fn parse_offset(text: &str) -> Option<i64> {
    let t = text.trim().replace('−', "-");
    let t = t
        .strip_prefix('T')
        .or_else(|| t.strip_prefix('t'))
        .unwrap_or(&t)
        .trim();
    if t == "0" {
        return Some(0);
    }
    let (sign, rest) = match t.chars().next()? {
        '-' => (-1, &t[1..]),
        '+' => (1, &t[1..]),
        _ => (1, t),
    };
    let mut minutes = 0i64;
    let mut number = String::new();
    let mut any = false;
    for c in rest.trim().chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                minutes += if c == 'h' { n * 60 } else { n };
                any = true;
            }
            ' ' => {}
            _ => return None,
        }
    }
    if !number.is_empty() || !any || minutes > MAX_RUNBOOK_MINUTES {
        return None;
    }
    Some(sign * minutes)
}

/// "T−4h", "T−1h30m", "T0", "T+30m".
pub fn offset_text(minutes: i64) -> String {
    if minutes == 0 {
        return "T0".into();
    }
    let sign = if minutes < 0 { '−' } else { '+' };
    let m = minutes.abs();
    let (h, r) = (m / 60, m % 60);
    let body = match (h, r) {
        (0, r) => format!("{r}m"),
        (h, 0) => format!("{h}h"),
        (h, r) => format!("{h}h{r}m"),
    };
    format!("T{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_and_print_the_same_way() {
        for (text, minutes) in [
            ("T-4h", -240),
            ("-1h30m", -90),
            ("+30m", 30),
            ("T0", 0),
            ("T−2h", -120),
        ] {
            assert_eq!(parse_offset(text), Some(minutes), "{text}");
        }
        assert_eq!(offset_text(-240), "T−4h");
        assert_eq!(offset_text(-90), "T−1h30m");
        assert_eq!(offset_text(30), "T+30m");
        assert_eq!(parse_offset(&offset_text(-90)), Some(-90));
        for bad in ["soon", "-4", "4x", "+49h", ""] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }
}
