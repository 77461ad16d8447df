use serde::{Deserialize, Serialize};

use super::{Asset, AssetVersion, Product};

/// Everything the details panel shows of one asset, fetched in one call: the asset, all its
/// versions (newest first) and the products it illustrates (by number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetOverview {
    pub asset: Asset,
    pub versions: Vec<AssetVersion>,
    pub products: Vec<Product>,
}
