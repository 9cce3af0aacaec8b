/* ecox pages: the DOM helpers every page script shares (inlined before it).
   Text is only ever set with textContent, so names and quotes from news text stay text. */
window.ecoxDom = {
  el: function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  },
  clear: function (node) { while (node.firstChild) { node.removeChild(node.firstChild); } },
  unpackRows: function (packed) {  // viz/page.py packed_rows: columns back to rows
    var rows = [];
    for (var i = 0; i < packed.n; i++) { rows.push({}); }
    Object.keys(packed.columns).forEach(function (name) {
      var column = packed.columns[name];
      rows.forEach(function (row, i) {
        var value = Array.isArray(column) ? column[i] : column.values[column.codes[i]];
        if (value !== null && value !== undefined) { row[name] = value; }
      });
    });
    return rows;
  }
};
