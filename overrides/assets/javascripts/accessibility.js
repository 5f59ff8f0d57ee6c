// Small repairs to the theme's markup for keyboard and screen reader users, made once the
// page has loaded. Without JavaScript there is no search, and the menu opens by mouse or touch.

// The theme's menu button (narrow screens) is a <label> for a hidden checkbox: a mouse or a
// finger can press it, a keyboard cannot even reach it. Make it a button the keyboard can use:
// reachable with Tab, pressed with Enter (the theme clicks a focused label on Enter) or Space.
for (const label of document.querySelectorAll('label.md-header__button[for="__drawer"]')) {
  const drawer = document.getElementById(label.htmlFor);
  const showState = () => label.setAttribute("aria-expanded", String(drawer.checked));
  label.tabIndex = 0;
  label.setAttribute("role", "button");
  label.setAttribute("aria-label", "Navigation menu");
  label.addEventListener("keydown", event => {
    if (event.key === " ") {
      event.preventDefault();
      label.click();
    }
  });
  drawer.addEventListener("change", showState);
  showState();
}

// The search panel is a dialog without a name; screen readers announce it as just "dialog".
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]')) {
  dialog.setAttribute("aria-label", "Search");
}
