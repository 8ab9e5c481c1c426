//! Transformations and reverse-ETL models (both hang off a source).
//! Operations and records; the HTTP handlers are in `routes`.
use segsync_api::types::*;

use crate::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::ids;
use crate::store::{kind, Tx};
use crate::store::{Keys, Record};
use crate::validate;

pub const RESOURCE: &str = segsync_api::audit::resource_type::TRANSFORMATION;
pub const MODEL: &str = segsync_api::audit::resource_type::REVERSE_ETL_MODEL;
pub(crate) const HASH_ALGORITHMS: &[&str] = &["MD5", "SHA1", "SHA256", "SHA512", "HMAC_SHA1", "HMAC_SHA256", "HMAC_SHA512"];

pub(crate) fn check_fields(cat: &Catalog, f: &TransformationFields) -> AppResult<()> {
    if let Some(m) = f.destination_metadata_id.as_deref() {
        if cat.destination(m).is_none() {
            return Err(AppError::invalid(
                "destinationMetadataId",
                format!("'destinationMetadataId' is not a destination in the catalog: '{m}'"),
            ));
        }
    }
    for (name, len) in [
        ("propertyRenames", f.property_renames.as_ref().map(Vec::len)),
        ("propertyValueTransformations", f.property_value_transformations.as_ref().map(Vec::len)),
        ("fqlDefinedProperties", f.fql_defined_properties.as_ref().map(Vec::len)),
        ("allowProperties", f.allow_properties.as_ref().map(Vec::len)),
    ] {
        if len.unwrap_or(0) > validate::MAX_LIST {
            return Err(AppError::invalid(name, format!("'{name}' holds more than {} items", validate::MAX_LIST)));
        }
    }
    for (i, r) in f.property_renames.iter().flatten().enumerate() {
        validate::not_blank(&format!("propertyRenames[{i}].oldName"), &r.old_name)?;
        validate::not_blank(&format!("propertyRenames[{i}].newName"), &r.new_name)?;
    }
    if let Some(h) = &f.hash_properties_configuration {
        validate::one_of("hashPropertiesConfiguration.algorithm", &h.algorithm, HASH_ALGORITHMS)?;
    }
    Ok(())
}

pub(crate) fn merge_fields(into: &mut TransformationFields, from: TransformationFields) {
    macro_rules! take { ($($f:ident),*) => { $( if from.$f.is_some() { into.$f = from.$f; } )* } }
    take!(
        destination_metadata_id,
        drop,
        new_event_name,
        property_renames,
        property_value_transformations,
        fql_defined_properties,
        allow_properties,
        hash_properties_configuration
    );
}

pub async fn create_transformation(tx: &mut Tx, cat: &Catalog, input: CreateTransformationInput) -> AppResult<Transformation> {
    validate::not_blank("name", &input.name)?;
    validate::not_blank("if", &input.condition)?;
    check_fields(cat, &input.fields)?;
    if !tx.exists(kind::SOURCE, &input.source_id).await? {
        return Err(AppError::missing_ref("sourceId", "Source", &input.source_id));
    }
    let t = Transformation {
        id: ids::ksuid(&mut tx.rng),
        name: input.name,
        source_id: input.source_id,
        enabled: input.enabled,
        condition: input.condition,
        fields: input.fields,
    };
    tx.insert(&t).await?;
    tx.audit("Transformation Created", super::events::rt::TRANSFORMATIONS, &t.id, &t.name).await?;
    Ok(t)
}

pub async fn update_transformation(tx: &mut Tx, cat: &Catalog, id: &str, input: UpdateTransformationInput) -> AppResult<Transformation> {
    let mut t: Transformation = tx.must(kind::TRANSFORMATION, id, RESOURCE).await?;
    check_fields(cat, &input.fields)?;
    if let Some(n) = input.name {
        validate::not_blank("name", &n)?;
        t.name = n;
    }
    if let Some(src) = input.source_id {
        if !tx.exists(kind::SOURCE, &src).await? {
            return Err(AppError::missing_ref("sourceId", "Source", &src));
        }
        t.source_id = src;
    }
    if let Some(e) = input.enabled {
        t.enabled = e;
    }
    if let Some(c) = input.condition {
        validate::not_blank("if", &c)?;
        t.condition = c;
    }
    merge_fields(&mut t.fields, input.fields);
    tx.put(&t).await?;
    tx.audit("Transformation Updated", super::events::rt::TRANSFORMATIONS, id, &t.name).await?;
    Ok(t)
}

pub async fn delete_transformation(tx: &mut Tx, id: &str) -> AppResult<()> {
    let t: Transformation = tx.must(kind::TRANSFORMATION, id, RESOURCE).await?;
    tx.delete(kind::TRANSFORMATION, id).await?;
    tx.audit("Transformation Deleted", super::events::rt::TRANSFORMATIONS, id, &t.name).await?;
    Ok(())
}

pub async fn create_reverse_etl_model(tx: &mut Tx, input: CreateReverseEtlModelInput) -> AppResult<ReverseEtlModel> {
    validate::not_blank("name", &input.name)?;
    validate::not_blank("query", &input.query)?;
    validate::not_blank("queryIdentifierColumn", &input.query_identifier_column)?;
    if !tx.exists(kind::SOURCE, &input.source_id).await? {
        return Err(AppError::missing_ref("sourceId", "Source", &input.source_id));
    }
    let m = ReverseEtlModel {
        id: ids::base58(&mut tx.rng),
        source_id: input.source_id,
        name: input.name,
        description: input.description,
        enabled: input.enabled,
        query: input.query,
        query_identifier_column: input.query_identifier_column,
    };
    tx.insert(&m).await?;
    tx.audit("Model Created", super::events::rt::MODELS, &m.id, &m.name).await?;
    Ok(m)
}

pub async fn update_reverse_etl_model(tx: &mut Tx, id: &str, input: UpdateReverseEtlModelInput) -> AppResult<ReverseEtlModel> {
    let mut m: ReverseEtlModel = tx.must(kind::REVERSE_ETL_MODEL, id, MODEL).await?;
    let was = m.enabled;
    if let Some(n) = input.name {
        validate::not_blank("name", &n)?;
        m.name = n;
    }
    if let Some(d) = input.description {
        m.description = d;
    }
    if let Some(e) = input.enabled {
        m.enabled = e;
    }
    if let Some(q) = input.query {
        validate::not_blank("query", &q)?;
        m.query = q;
    }
    if let Some(c) = input.query_identifier_column {
        validate::not_blank("queryIdentifierColumn", &c)?;
        m.query_identifier_column = c;
    }
    tx.put(&m).await?;
    tx.audit(if was == m.enabled { "Model Settings Saved" } else { "Model State Change Toggled" }, super::events::rt::MODELS, id, &m.name)
        .await?;
    Ok(m)
}

/// Deletes a model; subscriptions that feed from it go with it.
pub async fn delete_model(tx: &mut Tx, id: &str) -> AppResult<()> {
    let m: ReverseEtlModel = tx.must(kind::REVERSE_ETL_MODEL, id, MODEL).await?;
    for sub in tx.by_ref::<DestinationSubscription>(kind::SUBSCRIPTION, id).await? {
        super::destinations::delete_subscription_of(tx, &sub.destination_id, &sub.id).await?;
    }
    tx.delete(kind::REVERSE_ETL_MODEL, id).await?;
    tx.audit("Model Deleted", super::events::rt::MODELS, id, &m.name).await?;
    Ok(())
}

/// A transformation is found by its source.
impl Record for Transformation {
    const KIND: &'static str = kind::TRANSFORMATION;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).reference(&self.source_id)
    }
}

/// A reverse-ETL model is found by its source.
impl Record for ReverseEtlModel {
    const KIND: &'static str = kind::REVERSE_ETL_MODEL;
    fn keys(&self) -> Keys {
        Keys::id(&self.id).reference(&self.source_id)
    }
}
