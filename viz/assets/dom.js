/* ecox pages: the DOM helpers every page script shares (inlined before it).
   Text is only ever set with textContent, so names and quotes from news text stay text. */
window.ecoxDom = {
  el: function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  },
  clear: function (node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
};
