"""The search page that ``semcomp serve`` adds to a site: a box that asks the JSON API and lists the
passages, each linked to its place in its report's page. Results are built as DOM text, never as HTML.

The page draws Chinese with the packaged font, which the server sends whole (a site's own stylesheet
holds only the characters of its pages, and results may hold any), and only where the machine's fonts
lack a character. Its address carries the search (``search.html?q=招商引资&region=保定``), so that a
search can be linked and bookmarked."""

from __future__ import annotations

from semcomp.output.site.assets import FONT_STACK
from semcomp.output.site.page import page

FULL_FONT_PATH = "/assets/cjk.otf"
FULL = "semcomp-full"
# the site's subset, the machine's CJK fonts, and only where those lack a character the whole font
STACK = FONT_STACK.replace("sans-serif", f'"{FULL}", sans-serif')
FONT_FACE = (
    f'<style>@font-face{{font-family:"{FULL}";src:url({FULL_FONT_PATH[1:]}) format("opentype");font-display:swap;'
    "unicode-range:U+2E80-9FFF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF}"
    f"body,input,select,button{{font-family:{STACK}}}</style>"
)

SCRIPT = """
<script>
(function(){
  var form=document.getElementById('search'), list=document.getElementById('hits'), note=document.getElementById('note');
  function el(tag, text, cls){
    var e=document.createElement(tag); if(text!==undefined) e.textContent=text; if(cls) e.className=cls; return e;
  }
  function run(){
    var params=new URLSearchParams(new FormData(form));
    [...params.keys()].forEach(function(k){ if(!params.get(k)) params.delete(k); });
    history.replaceState(null, '', '?'+params);
    note.textContent='检索中…'; list.replaceChildren();
    fetch('api/similar?'+params).then(function(r){return r.json().then(function(d){return [r.ok,d];});}).then(function(res){
      if(!res[0]){note.textContent=res[1].error; return;}
      var hits=res[1]; note.textContent=hits.length+' 段';
      hits.forEach(function(h){
        var item=el('li'), head=el('p'), link=el('a', h.label||h.report_id);
        link.href='reports/'+encodeURIComponent(h.report_id)+'.html#q'+h.start+'-'+h.end;
        var where=' '+h.report_id+' §'+h.section_path+' '+(h.section_title||'');
        head.append(el('b', h.score.toFixed(3)+' '), link, el('span', where, 'note'));
        item.append(head, el('blockquote', h.text)); list.append(item);
      });
    }).catch(function(e){note.textContent=String(e);});
  }
  form.addEventListener('submit', function(ev){ ev.preventDefault(); run(); });
  var given=new URLSearchParams(location.search);
  given.forEach(function(value, key){ if(form.elements[key]) form.elements[key].value=value; });
  if(given.get('q')) run();
})();
</script>
"""


def search_page(index: str, site: bool) -> str:
    """``site``: report pages exist to link to (else the links say to build them with ``semcomp site``)."""
    form = """<form id="search"><input type="search" name="q" placeholder="例如：招商引资" required autofocus>
<input name="region" placeholder="地区（可选）" size="8"> <input name="year" placeholder="年份，如 2019-2023" size="12">
<select name="level"><option value="paragraph">段落</option><option value="sentence">句子</option></select>
<input name="k" type="number" value="10" min="1" max="100" style="width:4em"> <button>检索</button></form>"""
    missing = "" if site else '<p class="note">尚未生成报告页面：运行 <code>semcomp site</code> 后链接才能打开。</p>'
    return page(f"检索：{index}", FONT_FACE + form + missing + '<p id="note" class="note"></p><ol id="hits"></ol>' + SCRIPT)
