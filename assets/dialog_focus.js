// Give focus back to whatever opened a dialog once it closes. Radix returns it only to a
// Dialog.Trigger; this desk opens its dialogs from server state (the confirmation window,
// the staff actions, «Subsanar»), so without this the focus would fall to <body>.
(() => {
  const DIALOG = '[role="dialog"], [role="alertdialog"]';
  let opener = null;
  let open = false;
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && !event.target.closest(DIALOG)) opener = event.target;
  });
  const restore = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const target = opener && opener.isConnected ? opener : document.getElementById("contenido");
    if (target) target.focus();
  };
  new MutationObserver(() => {
    const now = document.querySelector(DIALOG) !== null;
    if (open && !now) setTimeout(restore, 0);
    open = now;
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
