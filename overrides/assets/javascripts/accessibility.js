// Small repairs to the theme's markup for keyboard and screen reader users, made once the
// page has loaded. Without JavaScript there is no search, and the menu opens by mouse or touch.

// The theme's menu button (narrow screens) is a <label> for a hidden checkbox: a mouse or a
// finger can press it, a keyboard cannot even reach it. Put a real button in its place.
for (const label of document.querySelectorAll('label.md-header__button[for="__drawer"]')) {
  const drawer = document.getElementById(label.htmlFor);
  const button = document.createElement("button");
  const showState = () => button.setAttribute("aria-expanded", String(drawer.checked));
  button.type = "button";
  button.className = `${label.className} hb-menu-button`;
  button.setAttribute("aria-label", "Navigation menu");
  button.append(...label.childNodes);
  button.addEventListener("click", () => {
    drawer.checked = !drawer.checked;
    drawer.dispatchEvent(new Event("change"));
  });
  drawer.addEventListener("change", showState);
  label.replaceWith(button);
  showState();
}

// The search panel is a dialog without a name; screen readers announce it as just "dialog".
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]')) {
  dialog.setAttribute("aria-label", "Search");
}
