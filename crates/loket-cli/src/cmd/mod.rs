pub mod agency;
pub mod check;
pub mod doc;
pub mod person;
pub mod request;
pub mod user;
