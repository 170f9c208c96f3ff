(function(){
"use strict";
var keys=["category","family","verdict","agreement","source","year","specialty","q"];
var ctl={};
keys.forEach(function(k){ctl[k]=document.getElementById("f-"+k);});
var items=Array.prototype.slice.call(document.querySelectorAll("#items > details.item"));
// The words each item is searched by: its line and its body, read on the first search (the
// bodies are inert text until an item is opened; reading them all at load would slow opening).
var texts=null;
function plain(html){
  return html.replace(/<[^>]*>/g," ").replace(/&lt;/g,"<").replace(/&gt;/g,">").replace(/&quot;/g,'"').replace(/&#39;/g,"'").replace(/&amp;/g,"&");
}
// The bodies: one JSON array, read the first time one is needed.
var bodies=null;
items.forEach(function(el,i){el.imrIndex=i;});
function bodyOf(el){
  if(!bodies){var s=document.getElementById("item-bodies");try{bodies=s?JSON.parse(s.textContent):[];}catch(e){bodies=[];}}
  return bodies[el.imrIndex]||"";
}
function searchTexts(){
  if(!texts)texts=items.map(function(el){var sm=el.querySelector("summary");return ((sm?sm.textContent:"")+" "+plain(bodyOf(el))).replace(/\s+/g," ").toLowerCase();});
  return texts;
}
// Build an item's body from its markup the first time it opens.
function fill(el){
  if(el.getAttribute("data-filled"))return;
  var box=el.querySelector(".item-body"),html=bodyOf(el);
  if(box)box.innerHTML=html;
  el.setAttribute("data-filled","1");
}
var count=document.getElementById("visible-count");
var none=document.getElementById("no-match");
var total=items.length;
var views={summary:document.getElementById("panel-summary"),items:document.getElementById("panel-items")};
var tabs={summary:document.getElementById("tab-summary"),items:document.getElementById("tab-items")};
var view="summary";
function value(k){var c=ctl[k];return c?c.value.trim():"";}
function filtered(){return keys.some(function(k){return value(k)!=="";});}
function matches(el,i){
  var c=value("category"),f=value("family"),v=value("verdict"),a=value("agreement"),q=value("q").toLowerCase();
  if(c&&el.getAttribute("data-category")!==c)return false;
  if(f&&el.getAttribute("data-family")!==f)return false;
  if(v&&el.getAttribute("data-verdict")!==v)return false;
  if(a&&el.getAttribute("data-agreement")!==a&&el.getAttribute("data-disagreement")!==a)return false;
  var s=value("source");if(s&&el.getAttribute("data-source")!==s)return false;
  var y=value("year");if(y&&el.getAttribute("data-year")!==y)return false;
  var sp=value("specialty");if(sp&&el.getAttribute("data-specialty")!==sp)return false;
  if(q&&searchTexts()[i].indexOf(q)<0)return false;
  return true;
}
function apply(){
  var n=0;
  items.forEach(function(el,i){
    if(matches(el,i)){el.removeAttribute("hidden");n++;}else{el.setAttribute("hidden","");}
  });
  var word=total===1?" item":" items";
  count.setAttribute("data-visible",String(n));
  // Thousands separated, as the page's other figures are.
  function fmt(x){return x.toLocaleString("en-US");}
  count.textContent=n===total?"Showing all "+fmt(total)+word:"Showing "+fmt(n)+" of "+fmt(total)+word;
  if(none)none.hidden=n>0||total===0;
}
function show(v){
  if(!views[v])v="summary";
  var changed=v!==view;
  view=v;
  Object.keys(views).forEach(function(k){
    if(views[k])views[k].classList.toggle("inactive",k!==v);
    if(tabs[k]){tabs[k].setAttribute("aria-selected",k===v?"true":"false");tabs[k].tabIndex=k===v?0:-1;}
  });
  return changed;
}
function hasOption(sel,v){for(var i=0;i<sel.options.length;i++){if(sel.options[i].value===v)return true;}return false;}
function writeHash(){
  var p=new URLSearchParams();
  keys.forEach(function(k){var v=value(k);if(v)p.set(k,v);});
  if(view==="items"&&!filtered())p.set("view","items");
  if(view==="summary"&&filtered())p.set("view","summary");
  var h=p.toString();
  var url=location.href.split("#")[0]+(h?"#"+h:"");
  try{history.replaceState(null,"",url);}catch(e){try{location.replace(h?"#"+h:"#");}catch(e2){}}
}
function clear(){keys.forEach(function(k){if(ctl[k])ctl[k].value="";});}
function fromHash(){
  var raw=location.hash.replace(/^#/,"");
  if(raw.indexOf("=")<0){show(view);return;}
  var p=new URLSearchParams(raw);
  keys.forEach(function(k){
    var c=ctl[k];if(!c)return;
    var v=p.get(k)||"";
    if(c.tagName==="SELECT"&&v&&!hasOption(c,v))v="";
    c.value=v;
  });
  apply();
  var open=p.get("open");
  var changed=show(p.get("view")||(filtered()||open?"items":"summary"));
  var el=open?document.getElementById(open):null;
  if(el&&el.classList.contains("item")){
    if(el.hasAttribute("hidden")){clear();apply();}
    fill(el);
    el.open=true;
    var top=el.getBoundingClientRect().top;
    if(top<0||top>window.innerHeight*0.6)el.scrollIntoView({block:"start"});
  }else if(changed){
    window.scrollTo(0,0);
  }
}
keys.forEach(function(k){
  var c=ctl[k];if(!c)return;
  c.addEventListener(c.tagName==="SELECT"?"change":"input",function(){apply();writeHash();});
});
document.getElementById("filters").addEventListener("submit",function(e){e.preventDefault();});
Array.prototype.forEach.call(document.querySelectorAll("[data-clear]"),function(b){
  b.addEventListener("click",function(){clear();apply();writeHash();});
});
Object.keys(tabs).forEach(function(k){
  var t=tabs[k];if(!t)return;
  t.addEventListener("click",function(e){e.preventDefault();show(k);writeHash();});
  t.addEventListener("keydown",function(e){
    if(e.key==="ArrowRight"||e.key==="ArrowLeft"){e.preventDefault();var o=k==="summary"?"items":"summary";show(o);writeHash();tabs[o].focus();}
  });
});
function setOpen(open){items.forEach(function(el){if(!el.hasAttribute("hidden")){if(open)fill(el);el.open=open;}});}
// An item opened by a click (or Enter on its summary) gets its body before it shows; one opened
// any other way (find in page, a script) when it toggles.
document.getElementById("items").addEventListener("click",function(e){
  var sm=e.target.closest?e.target.closest("summary"):null;
  if(sm&&sm.parentNode&&sm.parentNode.classList.contains("item"))fill(sm.parentNode);
});
document.addEventListener("toggle",function(e){var el=e.target;if(el.open&&el.classList&&el.classList.contains("item"))fill(el);},true);
var ex=document.getElementById("f-expand"),co=document.getElementById("f-collapse");
if(ex)ex.addEventListener("click",function(){setOpen(true);});
if(co)co.addEventListener("click",function(){setOpen(false);});
var closedForPrint=[];
window.addEventListener("beforeprint",function(){
  if(view!=="items")return;
  closedForPrint=items.filter(function(el){return !el.open&&!el.hasAttribute("hidden");});
  closedForPrint.forEach(function(el){fill(el);el.open=true;});
});
window.addEventListener("afterprint",function(){closedForPrint.forEach(function(el){el.open=false;});closedForPrint=[];});
window.addEventListener("hashchange",fromHash);
var nav=document.getElementById("tabs");
if(nav)nav.removeAttribute("hidden");
document.documentElement.classList.add("js");
apply();
show("summary");
fromHash();
})();
