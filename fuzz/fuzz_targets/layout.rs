#![no_main]
//! Layout and drawing of an arbitrary article at an arbitrary size: no
//! panic, and no line wider than the pane.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (w, h) = (u16::from(data[0]) + 1, u16::from(data[1] % 120) + 1);
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let paragraphs: Vec<String> = text.split('\n').map(str::to_string).collect();
    let json = serde_json::json!({
        "format": "folio-bundle/1", "id": "f",
        "articles": [{"id": "a", "title": paragraphs.first().cloned().unwrap_or_default(),
                      "paragraphs": paragraphs, "citations": [{"id": "1", "source": "S"}]}],
        "news_line": [{"time": "2025-07-05T22:10:00", "headline": text}]
    });
    let Ok(bundle) = folio::bundle::load_bundle(&json.to_string(), "f") else {
        return;
    };
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut app = folio::app::App::new(bundle, folio::app::Settings::default(), area);
    for action in [
        folio::app::Action::PageDown,
        folio::app::Action::NextCitation,
        folio::app::Action::Follow,
        folio::app::Action::FocusNext,
        folio::app::Action::Bottom,
    ] {
        app.update(action);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        folio::ui::draw(&app, area, &mut buf);
        let mut enc = folio::render::Encoder::new();
        let _ = enc.frame(&buf);
    }
    for line in &app.layout.lines {
        assert!(app.layout.left + folio::layout::runs_width(&line.runs) <= usize::from(w).max(1));
    }
});
