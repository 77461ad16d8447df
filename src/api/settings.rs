//! Damson's settings (`/api/settings`: System admins and PIM admins): the locales in use. Every
//! signed-in user may read the list (`/api/view/locales`), which the Upload assets page needs.

mod add_locale;
mod locales;
mod remove_locale;

pub use add_locale::{AddLocale, add_locale};
pub use locales::{Locales, locales};
pub use remove_locale::{RemoveLocale, remove_locale};
