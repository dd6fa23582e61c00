using System.Net;
using System.Text;
using System.Text.Json;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Renders blocks into a page shaped like the demo site's (src/PolicyArchiver/Demo/Site): cookie
/// banner, header with menu and search form, sidebar of related documents, footer, and the noise
/// placeholders <see cref="NoiseFiller"/> fills on every request (CSRF token, render time,
/// rotating promo, visitor counter).
/// </summary>
public static class PageRenderer
{
    public static string Render(string companyName, string lang, IReadOnlyList<Block> blocks, PageKind kind)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append($"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="csrf-token" content="{"{{csrf}}"}">
              <title>{Html(blocks[0].Text)} — {Html(companyName)}</title>
              <link rel="stylesheet" href="/static/site.css">
              <script>window.dataLayer = window.dataLayer || []; var pageRenderedAt = "{"{{now}}"}";</script>
            </head>
            <body>
              <div class="cookie-banner" id="cookie-consent">
                <p>Мы используем cookie, чтобы сайт работал удобнее. Продолжая пользоваться сайтом, вы соглашаетесь с их использованием.</p>
                <button type="button" class="cookie-accept">Принять</button>
              </div>
              <header class="site-header">
                <a class="logo" href="/">{Html(companyName)}</a>
                <nav class="main-nav" aria-label="Основное меню">
                  <ul>
                    <li><a href="/">Главная</a></li><li><a href="/personal">Частным клиентам</a></li>
                    <li><a href="/business">Бизнесу</a></li><li><a href="/cards">Карты</a></li>
                    <li><a href="/documents">Документы</a></li><li><a href="/kk/">Қаз</a></li>
                  </ul>
                </nav>
                <form class="search-form" action="/search" method="get">
                  <input type="hidden" name="_token" value="{"{{csrf}}"}">
                  <input type="search" name="q" placeholder="Поиск по сайту"><button type="submit">Найти</button>
                </form>
              </header>
              <div class="layout">
              <main id="content" class="page-main">

            """);
        if (kind == PageKind.Script) AppendScript(sb, blocks);
        else AppendArticle(sb, blocks);
        sb.Append($"""
              </main>
              <aside class="sidebar">
                <div class="sidebar-block">
                  <p class="sidebar-title"><strong>Документы</strong></p>
                  <ul class="related-links"><li><a href="/docs/privacy">Политика конфиденциальности</a></li><li><a href="/docs/terms">Пользовательское соглашение</a></li></ul>
                </div>
                <div class="promo-banner" data-rotate="7000">{"{{ad}}"}</div>
              </aside>
              </div>
              <footer class="site-footer">
                <div class="footer-links"><a href="/contacts">Контакты</a> · <a href="/help">Помощь</a></div>
                <p class="copyright">© 2024 {Html(companyName)}.</p>
                <p class="online-counter">Сейчас на сайте: {"{{visitors}}"}</p>
                <p class="generated">Страница сгенерирована {"{{now}}"}</p>
              </footer>
            </body>
            </html>

            """);
        return sb.ToString();
    }

    /// <summary>The document alone, for printing to PDF.</summary>
    public static string RenderPrintable(string lang, IReadOnlyList<Block> blocks)
    {
        var sb = new StringBuilder($"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><style>body{{font-family:'DejaVu Sans';font-size:11pt}}</style></head><body>");
        AppendArticle(sb, blocks);
        return sb.Append("</body></html>").ToString();
    }

    private static void AppendArticle(StringBuilder sb, IReadOnlyList<Block> blocks)
    {
        sb.Append("<article class=\"policy-document\">\n");
        foreach (var b in blocks)
        {
            if (b.Tag is "ul" or "ol")
            {
                sb.Append("<p>").Append(Html(b.Text)).Append("</p>\n<").Append(b.Tag).Append(">\n");
                foreach (var item in b.Items) sb.Append("  <li>").Append(Html(item)).Append("</li>\n");
                sb.Append("</").Append(b.Tag).Append(">\n");
            }
            else
            {
                sb.Append('<').Append(b.Tag).Append('>').Append(Html(b.Text)).Append("</").Append(b.Tag).Append(">\n");
            }
        }
        sb.Append("</article>\n");
    }

    /// <summary>Like tests/…/site/v1/offer-spa.html: the text is data that a script turns into elements.</summary>
    private static void AppendScript(StringBuilder sb, IReadOnlyList<Block> blocks)
    {
        var data = blocks.Select(b => b.Items.Count == 0 ? new object[] { b.Tag, b.Text } : [b.Tag, b.Text, b.Items]).ToList();
        sb.Append("<div id=\"app\"></div>\n<script>\n(function () {\n  var documentData = ")
          .Append(JsonSerializer.Serialize(data).Replace("</", "<\\/", StringComparison.Ordinal))
          .Append("""
            ;
              var article = document.createElement("article");
              article.className = "policy-document";
              documentData.forEach(function (b) {
                if (b[2]) {
                  var lead = document.createElement("p"); lead.textContent = b[1]; article.appendChild(lead);
                  var list = document.createElement(b[0]);
                  b[2].forEach(function (t) { var li = document.createElement("li"); li.textContent = t; list.appendChild(li); });
                  article.appendChild(list);
                } else {
                  var el = document.createElement(b[0]); el.textContent = b[1]; article.appendChild(el);
                }
              });
              document.getElementById("app").appendChild(article);
            })();
            </script>

            """);
    }

    private static string Html(string s) => WebUtility.HtmlEncode(s);
}
