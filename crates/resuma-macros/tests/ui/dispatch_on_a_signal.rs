use resuma::prelude::*;

#[server]
async fn roll_dice(sides: i32) -> Result<i32, ServerFnError> {
    Ok(sides)
}

fn main() {
    // rs2js takes `roll` for an action because of `dispatch`; rustc checks it.
    let roll = use_signal(0);
    let _ = view! { <button onClick={move |_| roll.dispatch(roll_dice(6))}>"Roll"</button> };
}
