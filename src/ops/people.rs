//! A plan's people and the names its owner fields suggest.

use super::{Error, Workspace};
use crate::store::{NameSuggestion, Person};

impl Workspace {
    /// Adds a person to the plan, or updates the role and e-mail of the one with that name.
    pub fn add_person(
        &self,
        plan_id: i64,
        name: &str,
        role: Option<&str>,
        email: Option<&str>,
    ) -> Result<Person, Error> {
        Ok(self.store()?.add_person(plan_id, name, role, email)?)
    }

    /// Takes a person off the plan's list (the tasks they own keep the name).
    pub fn remove_person(&self, plan_id: i64, name: &str) -> Result<Person, Error> {
        Ok(self.store()?.remove_person(plan_id, name)?)
    }

    pub fn people(&self, plan_id: i64) -> Result<Vec<Person>, Error> {
        Ok(self.store()?.people(plan_id)?)
    }

    /// What an owner field offers: people, stakeholders, past owners, the user.
    pub fn owner_suggestions(&self, plan_id: i64) -> Result<Vec<NameSuggestion>, Error> {
        Ok(self.store()?.owner_suggestions(plan_id)?)
    }
}
