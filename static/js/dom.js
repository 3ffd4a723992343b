// Dom: the one place scripts build or fill markup. A live card's markup lives only in its Jinja macro; the
// page renders it once more inside <template data-card="NAME"> (a placeholder with every optional part), and
// scripts clone it with Dom.card(NAME) and set its parts with Dom.fill (docs/architecture.md, "Live cards").
(function () {
  "use strict";

  /** A new element with an optional class name and text (for small things that are not cards). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /** A fresh copy of the card the page rendered in <template data-card="name">, or null without one. */
  function card(name) {
    const template = document.querySelector('template[data-card="' + name + '"]');
    if (!template) return null;
    return template.content.firstElementChild.cloneNode(true);
  }

  function targets(root, name) {
    const found = Array.from(root.querySelectorAll('[data-field="' + name + '"]'));
    if (root.dataset && root.dataset.field === name) found.unshift(root);
    return found;
  }

  function empty(value) {
    return value == null || value === false || value === "" || (Array.isArray(value) && !value.length);
  }

  function setText(node, text) {
    // A part may keep fixed words around its value (a label, quotes): the value then goes into [data-text].
    const inner = node.querySelector("[data-text]");
    (inner || node).textContent = String(text);
  }

  function setItems(node, items) {
    // The macro renders each item from an element marked data-item: it is the model for every item. A list
    // of several kinds (data-item="link", data-item="slides") takes {kind: [items]}, kinds in that order.
    const lists = Array.isArray(items) ? { "": items } : items;
    const models = {};
    Object.keys(lists).forEach(function (kind) {
      const model = node.querySelector(kind ? '[data-item="' + kind + '"]' : "[data-item]");
      if (model) models[kind] = model.cloneNode(true);
    });
    node.querySelectorAll("[data-item]").forEach(function (old) { old.remove(); });
    Object.keys(lists).forEach(function (kind) {
      if (!models[kind]) return;
      lists[kind].forEach(function (item) {
        const next = models[kind].cloneNode(true);
        if (item !== null && typeof item === "object") apply(next, item); else setText(next, item);
        node.appendChild(next);
      });
    });
  }

  function apply(node, value) {
    if (Array.isArray(value)) return setItems(node, value);
    if (value === true) return;
    if (typeof value !== "object") return setText(node, value);
    if (value.text != null) setText(node, value.text);
    if (value.items) setItems(node, value.items);
    Object.keys(value.attrs || {}).forEach(function (name) {
      const v = value.attrs[name];
      if (v == null || v === false) node.removeAttribute(name); else node.setAttribute(name, v === true ? "" : v);
    });
    Object.keys(value.classes || {}).forEach(function (name) { node.classList.toggle(name, !!value.classes[name]); });
    if (value.hidden != null) node.hidden = !!value.hidden;
    if (value.fields) fill(node, value.fields);
  }

  /**
   * Set a card's parts: for each name, the elements marked data-field="name" get the value. An empty value
   * (null, false, "", []) removes the part; true keeps it as rendered; text or a number sets its text; an
   * array fills its [data-item] list; an object may give {text, items, attrs, classes, hidden, fields}
   * (items: an array, or {kind: array} for a list of several kinds).
   */
  function fill(root, fields) {
    Object.keys(fields).forEach(function (name) {
      const value = fields[name];
      targets(root, name).forEach(function (node) {
        if (empty(value)) node.remove(); else apply(node, value);
      });
    });
    return root;
  }

  /** Add a message to a flash region (role=alert for errors), keeping the last `keep` messages. */
  function notify(region, message, kind, keep) {
    if (!region || !message) return null;
    const p = el("p", "flash " + (kind || "info"), message);
    p.setAttribute("role", kind === "error" ? "alert" : "status");
    region.appendChild(p);
    if (keep) while (region.children.length > keep) region.firstElementChild.remove();
    return p;
  }

  window.Dom = { el: el, card: card, fill: fill, notify: notify };
})();
