use resuma::prelude::*;

#[server]
async fn parse(text: String) -> Result<i32, std::num::ParseIntError> {
    text.parse()
}

fn main() {}
