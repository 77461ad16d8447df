use super::Permission;

/// Which callers a server function serves, read from the first path segment after `/api/`.
///
/// Every server function declares one of these prefixes, and one middleware enforces them all,
/// so a new function cannot forget its check. A path with no known prefix is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiAccess {
    /// Anyone, signed in or not (sign-in itself).
    Public,
    /// Signed-in users holding this permission.
    Requires(Permission),
}

impl ApiAccess {
    pub const PUBLIC_PREFIX: &'static str = "/api/public";
    pub const VIEW_PREFIX: &'static str = "/api/view";
    pub const MANAGE_PREFIX: &'static str = "/api/manage";
    pub const USERS_PREFIX: &'static str = "/api/users";
    pub const CATALOG_PREFIX: &'static str = "/api/catalog";
    pub const SETTINGS_PREFIX: &'static str = "/api/settings";
    pub const INTEGRATIONS_PREFIX: &'static str = "/api/integrations";

    /// The access a request path demands, or `None` when the path names no known prefix.
    pub fn of_path(path: &str) -> Option<ApiAccess> {
        let prefix_of = |prefix: &str| path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
        if prefix_of(Self::PUBLIC_PREFIX) {
            Some(ApiAccess::Public)
        } else if prefix_of(Self::VIEW_PREFIX) {
            Some(ApiAccess::Requires(Permission::View))
        } else if prefix_of(Self::MANAGE_PREFIX) {
            Some(ApiAccess::Requires(Permission::Manage))
        } else if prefix_of(Self::USERS_PREFIX) {
            Some(ApiAccess::Requires(Permission::ManageUsers))
        } else if prefix_of(Self::CATALOG_PREFIX) {
            Some(ApiAccess::Requires(Permission::ManageCatalog))
        } else if prefix_of(Self::SETTINGS_PREFIX) {
            Some(ApiAccess::Requires(Permission::ManageSettings))
        } else if prefix_of(Self::INTEGRATIONS_PREFIX) {
            Some(ApiAccess::Requires(Permission::ManageIntegrations))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_map_to_permissions_and_unknown_paths_to_none() {
        assert_eq!(ApiAccess::of_path("/api/public/sign_in"), Some(ApiAccess::Public));
        assert_eq!(
            ApiAccess::of_path("/api/manage/update_asset"),
            Some(ApiAccess::Requires(Permission::Manage))
        );
        assert_eq!(
            ApiAccess::of_path("/api/users/create_user"),
            Some(ApiAccess::Requires(Permission::ManageUsers))
        );
        assert_eq!(
            ApiAccess::of_path("/api/catalog/save_product"),
            Some(ApiAccess::Requires(Permission::ManageCatalog))
        );
        assert_eq!(
            ApiAccess::of_path("/api/settings/add_locale"),
            Some(ApiAccess::Requires(Permission::ManageSettings))
        );
        assert_eq!(
            ApiAccess::of_path("/api/integrations/list_webhooks"),
            Some(ApiAccess::Requires(Permission::ManageIntegrations))
        );
        assert_eq!(ApiAccess::of_path("/api/sign_in"), None);
        assert_eq!(ApiAccess::of_path("/api/publicity/x"), None);
    }
}
