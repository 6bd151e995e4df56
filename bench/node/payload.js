// The board's event shape (bench/payload.json) for the Node reference server.
"use strict";

const template = require("../payload.json");

function card(id, text, version) {
  return { ...template.card, id, text, version, updated_at: new Date().toISOString() };
}

function message(seq, initiative, data) {
  return { ...template.message, seq, initiative, at: new Date().toISOString(), data };
}

module.exports = { card, message };
