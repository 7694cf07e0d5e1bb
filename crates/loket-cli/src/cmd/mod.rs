pub mod agency;
pub mod check;
pub mod person;
pub mod registry;
pub mod request;
pub mod user;
