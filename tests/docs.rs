//! The bundle-format document's complete example is a bundle folio reads.

#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../docs/bundle-format.md");
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("end of the example");
    let bundle = folio::bundle::load_bundle(&doc[start..end], "docs/bundle-format.md").unwrap();
    assert_eq!(bundle.articles[0].citations.len(), 2);
}
