//! Input checks shared by the handlers; each failure is a 422 naming the field.

use segsync_api::types::Settings;

use crate::error::{AppError, AppResult};
use crate::secrets;

pub fn not_blank(field: &str, v: &str) -> AppResult<()> {
    if v.trim().is_empty() {
        return Err(AppError::invalid(field, format!("'{field}' must not be empty")));
    }
    Ok(())
}

pub fn max_len(field: &str, v: &str, max: usize) -> AppResult<()> {
    if v.chars().count() > max {
        return Err(AppError::invalid(field, format!("'{field}' must be at most {max} characters")));
    }
    Ok(())
}

pub fn one_of(field: &str, v: &str, allowed: &[&str]) -> AppResult<()> {
    if !allowed.contains(&v) {
        return Err(AppError::invalid(field, format!("'{field}' must be one of {}, got '{v}'", allowed.join(", "))));
    }
    Ok(())
}

pub fn at_most<T>(field: &str, items: &[T], max: usize) -> AppResult<()> {
    if items.len() > max {
        return Err(AppError::invalid(field, format!("'{field}' holds {} items; at most {max} are allowed", items.len())));
    }
    Ok(())
}

pub fn slug(field: &str, v: &str) -> AppResult<()> {
    not_blank(field, v)?;
    max_len(field, v, 100)?;
    if !v.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-') {
        return Err(AppError::invalid(field, format!("'{field}' may hold only lowercase letters, digits, '_' and '-', got '{v}'")));
    }
    Ok(())
}

pub fn email(field: &str, v: &str) -> AppResult<()> {
    let ok = v.len() <= 254
        && v.split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.'))
        && !v.chars().any(char::is_whitespace);
    if !ok {
        return Err(AppError::invalid(field, format!("'{field}' must be an email address, got '{v}'")));
    }
    Ok(())
}

/// New settings may not carry masked values: there is no stored secret they could stand for.
pub fn no_masked(field: &str, settings: &Settings) -> AppResult<()> {
    if let Some((k, _)) = settings.iter().find(|(_, v)| secrets::is_masked(v)) {
        return Err(AppError::invalid(
            format!("{field}.{k}"),
            format!("'{field}.{k}' holds a masked value ('•' characters); send the real secret"),
        ));
    }
    Ok(())
}

pub const PERMISSION_RESOURCE_TYPES: &[&str] = &["FUNCTION", "SOURCE", "SPACE", "WAREHOUSE", "WORKSPACE"];
pub const MAX_LIST: usize = 200;
pub const MAX_RULES: usize = 2000;
