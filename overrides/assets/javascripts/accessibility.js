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
  // Escape closes the open menu, and the focus goes back to the button that opened it.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      button.focus();
    }
  });
  label.replaceWith(button);
  showState();
}

// The search panel is a dialog without a name; screen readers announce it as just "dialog".
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]')) {
  dialog.setAttribute("aria-label", "Search");
}

// Glossary terms are <abbr title="...">, and a title shows only under a mouse pointer. Each term
// also shows its meaning in a tooltip when it has the keyboard focus, is tapped or is pointed at;
// Escape, or moving on, hides it. The tooltip also describes the term to screen readers.
const terms = document.querySelectorAll(".md-content abbr[title]");
if (terms.length) {
  const tip = document.createElement("span");
  tip.id = "hb-term-tip";
  tip.className = "hb-term-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let shownFor = null;
  const hide = () => {
    if (!shownFor) return;
    shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    tip.hidden = true;
  };
  const show = (term) => {
    tip.textContent = term.dataset.meaning;
    tip.hidden = false;
    const box = term.getBoundingClientRect(), width = tip.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + scrollX}px`;
    tip.style.top = `${box.bottom + scrollY + 6}px`;
    term.setAttribute("aria-describedby", tip.id);
    shownFor = term;
  };
  for (const term of terms) {
    if (term.closest("a, button, label, summary")) continue; // a control inside a control: keep its title
    term.dataset.meaning = term.title;
    term.removeAttribute("title"); // the tooltip replaces the browser's, which would show as well
    term.tabIndex = 0;
    term.addEventListener("focus", () => show(term));
    term.addEventListener("blur", hide);
    term.addEventListener("mouseenter", () => show(term));
    term.addEventListener("mouseleave", () => document.activeElement !== term && hide());
    term.addEventListener("click", () => show(term)); // a tap; tapping elsewhere moves the focus and hides it
  }
  document.addEventListener("keydown", (event) => event.key === "Escape" && hide());
  addEventListener("resize", hide);
}
