//! Store tests on fresh temporary databases: what is written is what is read back, bad
//! input leaves the database unchanged, and the file survives being killed mid-write.

mod corrections;
mod crash;
mod events;
mod migrate;
mod people;
mod plans;
mod signoff;
mod template_update;
mod waivers;
