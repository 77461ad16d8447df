use serde::{Deserialize, Serialize};

use super::{Asset, AssetVersion, CategoryPath, Locale, Product};

/// Everything the details panel shows of one asset, fetched in one call: the asset, all its
/// versions (newest first), the products it illustrates (by number), its categories, and, for a
/// localizable asset, the locales in use that its Locale choice offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetOverview {
    pub asset: Asset,
    pub versions: Vec<AssetVersion>,
    pub products: Vec<Product>,
    pub categories: Vec<CategoryPath>,
    /// Empty unless the asset is localizable.
    pub locales: Vec<Locale>,
}
