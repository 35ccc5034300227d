use resuma::prelude::*;
fn main() {
    let _ = view! { <script type="application/ld+json">"{\"name\": \"</SCRIPT>\"}"</script> };
}
