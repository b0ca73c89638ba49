//! A plan's people — name, role, e-mail — who own tasks, sign off and get reminders, and the
//! names an owner field suggests. Not the sign-off itself ([`super::signoffs`]).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Change, EventKind, Gid, Store, StoreError};

/// One person of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub gid: Gid,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
}

/// Where a suggested owner name comes from, in the order suggestions are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum NameSource {
    /// The plan's people list.
    Person,
    Stakeholder,
    /// A name that owned a task of the plan, now or before.
    PastOwner,
    /// The user of this database (the name the history records).
    You,
}

/// A name an owner field offers, with what it is (a role, "stakeholder", "you").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameSuggestion {
    pub name: String,
    pub source: NameSource,
    /// A role or e-mail to show beside the name.
    pub detail: Option<String>,
}

fn described(p: &Person) -> String {
    let extra: Vec<&str> = [p.role.as_deref(), p.email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if extra.is_empty() {
        p.name.clone()
    } else {
        format!("{} ({})", p.name, extra.join(", "))
    }
}

pub(super) fn check_email(email: &str) -> Result<(), StoreError> {
    let ok = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidInput(format!(
            "{email:?} is not an e-mail address; give one such as dana@example.com, or leave it out"
        )))
    }
}

fn find(tx: &Transaction<'_>, plan_id: i64, name: &str) -> Result<Option<Person>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT id, gid, name, role, email FROM person
             WHERE plan_id = ?1 AND name = ?2 COLLATE NOCASE",
            params![plan_id, name],
            read,
        )
        .optional()?)
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        gid: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        email: r.get(4)?,
    })
}

fn optional(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl Store {
    /// Adds a person to a plan, or changes the role and e-mail of the one with that name
    /// (names compare without case: "dana" is Dana).
    pub fn add_person(
        &mut self,
        plan_id: i64,
        name: &str,
        role: Option<&str>,
        email: Option<&str>,
    ) -> Result<Person, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::InvalidInput(
                "a person needs a name, as it will show in owner fields".into(),
            ));
        }
        let role = optional(role);
        let email = optional(email);
        if let Some(email) = &email {
            check_email(email)?;
        }
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let before = find(tx, plan_id, name)?;
            match &before {
                Some(b) => tx.execute(
                    "UPDATE person SET role = ?2, email = ?3 WHERE id = ?1",
                    params![b.id, role, email],
                )?,
                None => tx.execute(
                    "INSERT INTO person (gid, plan_id, name, role, email, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![Gid::new(), plan_id, name, role, email, actor.at],
                )?,
            };
            let after = find(tx, plan_id, name)?
                .ok_or_else(|| StoreError::Corrupt(format!("person {name:?} vanished")))?;
            if before
                .as_ref()
                .is_some_and(|b| described(b) == described(&after))
            {
                return Ok(after);
            }
            actor.record(
                tx,
                Change {
                    old: before.as_ref().map(described),
                    new: Some(described(&after)),
                    touches: vec![after.gid],
                    ..Change::plan(plan_id, EventKind::PersonAdded)
                },
            )?;
            Ok(after)
        })
    }

    /// Takes a person off the plan's list; tasks they own keep their name.
    pub fn remove_person(&mut self, plan_id: i64, name: &str) -> Result<Person, StoreError> {
        let name = name.trim();
        self.plan(plan_id)?;
        self.write(|tx, actor| {
            let Some(gone) = find(tx, plan_id, name)? else {
                return Err(StoreError::InvalidInput(format!(
                    "{name:?} is not on this plan's people list; `golive people list PLAN` \
                     shows who is"
                )));
            };
            tx.execute("DELETE FROM person WHERE id = ?1", [gone.id])?;
            actor.record(
                tx,
                Change {
                    old: Some(described(&gone)),
                    touches: vec![gone.gid],
                    ..Change::plan(plan_id, EventKind::PersonRemoved)
                },
            )?;
            Ok(gone)
        })
    }

    /// A plan's people, by name.
    pub fn people(&self, plan_id: i64) -> Result<Vec<Person>, StoreError> {
        self.plan(plan_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, gid, name, role, email FROM person WHERE plan_id = ?1
             ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([plan_id], read)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The names an owner field of the plan offers: its people, its stakeholders, everyone
    /// who owned one of its tasks (the history remembers owners since replaced) and the
    /// user, each name once (without case), in that order.
    pub fn owner_suggestions(&self, plan_id: i64) -> Result<Vec<NameSuggestion>, StoreError> {
        let mut out: Vec<NameSuggestion> = Vec::new();
        let mut push = |name: String, source: NameSource, detail: Option<String>| {
            let name = name.trim().to_string();
            if !name.is_empty() && !out.iter().any(|s| s.name.eq_ignore_ascii_case(&name)) {
                out.push(NameSuggestion {
                    name,
                    source,
                    detail,
                });
            }
        };
        for p in self.people(plan_id)? {
            let detail = p.role.or(p.email);
            push(p.name, NameSource::Person, detail);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, role FROM stakeholder WHERE plan_id = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let stakeholders = stmt
            .query_map([plan_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (name, role) in stakeholders {
            push(
                name,
                NameSource::Stakeholder,
                Some(role).filter(|r| !r.is_empty()),
            );
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT owner FROM item WHERE plan_id = ?1 AND owner IS NOT NULL
             UNION
             SELECT new FROM event WHERE plan_id = ?1 AND field = 'owner' AND new IS NOT NULL
             ORDER BY 1 COLLATE NOCASE",
        )?;
        let owners = stmt
            .query_map([plan_id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        for owner in owners {
            push(owner, NameSource::PastOwner, None);
        }
        push(self.user_name()?, NameSource::You, None);
        Ok(out)
    }
}
