//! Depth and complexity limits, enforced where async-graphql measures them
//! (its validation), so each refusal carries its code from the start:
//! `QUERY_TOO_DEEP` and `QUERY_TOO_COMPLEX`. The schema's own limits are
//! left off because their errors come without a code, and a code read from
//! their wording would change silently with the wording.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextValidation};
use async_graphql::{ServerError, ValidationResult};

use super::input_limits::{refuse, TOO_DEEP};

/// The code of a query whose complexity is over the limit.
pub const TOO_COMPLEX: &str = "QUERY_TOO_COMPLEX";

/// The most a query may nest and cost.
#[derive(Debug, Clone, Copy)]
pub struct CostLimits {
    /// The deepest selection nesting.
    pub max_depth: usize,
    /// The highest complexity (one per field, lists weighted by their size).
    pub max_complexity: usize,
}

impl ExtensionFactory for CostLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_trait::async_trait]
impl Extension for CostLimits {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let measured = next.run(ctx).await?;
        self.check(measured.depth, measured.complexity)?;
        Ok(measured)
    }
}

impl CostLimits {
    /// Refuses a query costlier or deeper than the limits (in that order,
    /// as async-graphql's own limits did).
    fn check(&self, depth: usize, complexity: usize) -> Result<(), Vec<ServerError>> {
        if complexity > self.max_complexity {
            let message = format!(
                "the query's complexity is {complexity}; at most {} is allowed \
                 (ask for fewer fields or smaller pages)",
                self.max_complexity
            );
            return Err(vec![refuse(TOO_COMPLEX, message)]);
        }
        if depth > self.max_depth {
            let message = format!(
                "the query nests {depth} levels of fields; at most {} are allowed",
                self.max_depth
            );
            return Err(vec![refuse(TOO_DEEP, message)]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(errors: &[ServerError]) -> Option<String> {
        let value = errors.first()?.extensions.as_ref()?.get("code")?;
        Some(value.to_string())
    }

    #[test]
    fn each_limit_has_its_code() {
        let limits = CostLimits {
            max_depth: 3,
            max_complexity: 10,
        };
        assert!(limits.check(3, 10).is_ok());
        let deep = limits.check(4, 1).err().unwrap_or_default();
        assert_eq!(code(&deep).as_deref(), Some("\"QUERY_TOO_DEEP\""));
        let costly = limits.check(1, 11).err().unwrap_or_default();
        assert_eq!(code(&costly).as_deref(), Some("\"QUERY_TOO_COMPLEX\""));
    }
}
