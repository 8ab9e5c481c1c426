//! Property tests: arbitrary values of arbitrary types survive msgpack encode → decode.

use std::collections::BTreeMap;

use proptest::prelude::*;
use tfplugin::codec::{from_msgpack, to_msgpack};
use tfplugin::{Number, Type, Value};

fn arb_type() -> impl Strategy<Value = Type> {
    let leaf = prop_oneof![Just(Type::String), Just(Type::Number), Just(Type::Bool), Just(Type::Dynamic)];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(Type::list),
            inner.clone().prop_map(Type::set),
            inner.clone().prop_map(Type::map),
            proptest::collection::btree_map("[a-z_]{1,8}", inner.clone(), 0..4).prop_map(Type::Object),
            proptest::collection::vec(inner, 0..3).prop_map(Type::Tuple),
        ]
    })
}

fn arb_number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from_i64),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| Number::from_f64(f).expect("finite")),
        "-?[1-9][0-9]{20,40}(\\.[0-9]{1,20})?".prop_map(|s| Number::parse(&s).expect("decimal")),
    ]
}

fn arb_value(t: Type, depth: u32) -> BoxedStrategy<Value> {
    let special = prop_oneof![Just(Value::Null), Just(Value::Unknown)];
    let concrete: BoxedStrategy<Value> = match t {
        Type::String => any::<String>().prop_map(Value::String).boxed(),
        Type::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Type::Number => arb_number().prop_map(Value::Number).boxed(),
        Type::Dynamic => {
            if depth == 0 {
                any::<String>().prop_map(|s| Value::Dynamic(Type::String, Box::new(Value::String(s)))).boxed()
            } else {
                arb_type()
                    .prop_filter("not dynamic", |t| *t != Type::Dynamic)
                    .prop_flat_map(move |t| arb_value(t.clone(), depth - 1).prop_map(move |v| Value::Dynamic(t.clone(), Box::new(v))))
                    .boxed()
            }
        }
        Type::List(el) => proptest::collection::vec(arb_value(*el, depth.saturating_sub(1)), 0..4).prop_map(Value::List).boxed(),
        Type::Set(el) => proptest::collection::vec(arb_value(*el, depth.saturating_sub(1)), 0..4).prop_map(Value::Set).boxed(),
        Type::Map(el) => {
            proptest::collection::btree_map(any::<String>(), arb_value(*el, depth.saturating_sub(1)), 0..4).prop_map(Value::Map).boxed()
        }
        Type::Object(attrs) => {
            let strategies: Vec<(String, BoxedStrategy<Value>)> =
                attrs.into_iter().map(|(k, t)| (k, arb_value(t, depth.saturating_sub(1)))).collect();
            let names: Vec<String> = strategies.iter().map(|(k, _)| k.clone()).collect();
            strategies
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>()
                .prop_map(move |vals| Value::Object(names.iter().cloned().zip(vals).collect::<BTreeMap<_, _>>()))
                .boxed()
        }
        Type::Tuple(els) => {
            els.into_iter().map(|t| arb_value(t, depth.saturating_sub(1))).collect::<Vec<_>>().prop_map(Value::Tuple).boxed()
        }
    };
    prop_oneof![1 => special, 6 => concrete].boxed()
}

fn typed_value() -> impl Strategy<Value = (Type, Value)> {
    arb_type().prop_flat_map(|t| arb_value(t.clone(), 3).prop_map(move |v| (t.clone(), v)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn msgpack_round_trips((ty, v) in typed_value()) {
        let bytes = to_msgpack(&v, &ty).expect("encode");
        let back = from_msgpack(&bytes, &ty).expect("decode");
        prop_assert_eq!(back, v);
    }

    #[test]
    fn types_round_trip_through_json(ty in arb_type()) {
        prop_assert_eq!(Type::from_json(&ty.to_json()).expect("type"), ty);
    }

    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64), ty in arb_type()) {
        let _ = from_msgpack(&bytes, &ty);
    }
}
