use serde::{Deserialize, Serialize};

use super::{Asset, AssetVersion, CategoryPath, Product};

/// Everything the details panel shows of one asset, fetched in one call: the asset, all its
/// versions (newest first), the products it illustrates (by number) and its categories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetOverview {
    pub asset: Asset,
    pub versions: Vec<AssetVersion>,
    pub products: Vec<Product>,
    pub categories: Vec<CategoryPath>,
}
