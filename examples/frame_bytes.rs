use folio::app::{Action, App, Settings};
use folio::bundle::{EMBEDDED_SEED, load_bundle};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    let b = load_bundle(EMBEDDED_SEED, "s").unwrap();
    let area = Rect::new(0, 0, 80, 24);
    let mut app = App::new(b, Settings::default(), area);
    let mut enc = folio::render::Encoder::new();
    let frame = |app: &App, enc: &mut folio::render::Encoder| {
        let mut buf = Buffer::empty(area);
        folio::ui::draw(app, area, &mut buf);
        enc.frame(&buf)
    };
    frame(&app, &mut enc);
    let args: Vec<String> = std::env::args().skip(1).collect();
    for a in &args {
        let action = match a.as_str() {
            "j" => Action::LineDown,
            "k" => Action::LineUp,
            "space" => Action::PageDown,
            "tab" => Action::FocusNext,
            "c" => Action::NextCitation,
            _ => continue,
        };
        app.update(action);
        let bytes = frame(&app, &mut enc);
        println!("{a}: {} bytes: {:?}", bytes.len(), bytes);
    }
}
